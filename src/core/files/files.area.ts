import type { ModuleDefinition } from '../modules/index.ts';
import { createFileStore } from './create-file-store.ts';
import { filesRoutes } from './files.routes.ts';

/** The files area as `src/app/core-areas.ts` plugs it in. */
export const filesArea: ModuleDefinition = {
  name: 'files',
  permissions: [
    { key: 'files.file.read', description: 'See uploaded files and download them' },
    { key: 'files.file.create', description: 'Upload files', roles: ['ops'] },
  ],
  routes: (deps) => async (app) => app.register(filesRoutes, { store: createFileStore(deps.config) }),
};
