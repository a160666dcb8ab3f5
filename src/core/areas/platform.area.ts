import { auditRoutes } from '../audit/index.ts';
import { PLATFORM_PERMISSIONS } from '../auth/index.ts';
import { jobsRoutes } from '../jobs/index.ts';
import { defineModule } from '../modules/index.ts';
import { orgRoutes } from '../orgs/index.ts';

/** Organization settings, the audit log and background jobs: the platform's own routes. */
export const platformArea = defineModule({
  name: 'platform',
  permissions: PLATFORM_PERMISSIONS,
  routes: (deps) => async (app) => {
    await app.register(auditRoutes);
    await app.register(orgRoutes);
    await app.register(jobsRoutes, { jobs: deps.jobs });
  },
});
