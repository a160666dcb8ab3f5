import type { ModuleDefinition } from '../modules/index.ts';
import { membersResource } from './members.resource.ts';

/**
 * The resources core area: declares the platform's own console resources. Its routes serve the
 * resources of every area, so the composition root registers them with the full list of areas
 * (`resourcesRoutes` in build-app.ts) instead of through `routes` here.
 */
export const resourcesArea: ModuleDefinition = {
  name: 'resources',
  resources: () => [membersResource],
};
