import { defineArea } from '../modules/index.ts';
import { membersResource, ResourceErrors, resourcesRoutes } from '../resources/index.ts';

/**
 * The console's resource framework: the platform's own resources, and the generated routes of
 * every resource the enabled areas declare (read once every area has started).
 */
export const resourcesArea = defineArea({
  name: 'resources',
  errors: [ResourceErrors],
  resources: () => [membersResource],
  routes: (deps) => resourcesRoutes(deps.declared.resources),
});
