import { FilesErrors, filesRoutes } from '../files/index.ts';
import { defineArea } from '../modules/index.ts';

/** Uploaded files (proofs, attachments) in the app's file store. */
export const filesArea = defineArea({
  name: 'files',
  errors: [FilesErrors],
  permissions: [
    { key: 'files.file.read', description: 'See uploaded files and download them' },
    { key: 'files.file.create', description: 'Upload files', roles: ['ops'] },
  ],
  routes: (deps) => async (app) => app.register(filesRoutes, { store: deps.files }),
});
