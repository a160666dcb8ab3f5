import { PlatformErrors } from '../../platform/errors/index.ts';
import { auditRoutes } from '../audit/index.ts';
import { PLATFORM_PERMISSIONS } from '../auth/index.ts';
import { jobsRoutes } from '../jobs/index.ts';
import { defineArea } from '../modules/index.ts';
import { auditPersonalRule } from '../retention/index.ts';

/**
 * The audit log and background jobs. `/api/org` is registered by the app: it needs the secret
 * settings every area declares.
 */
export const platformArea = defineArea({
  name: 'platform',
  errors: [PlatformErrors],
  permissions: PLATFORM_PERMISSIONS,
  routes: (deps) => async (app) => {
    await app.register(auditRoutes);
    await app.register(jobsRoutes, { jobs: deps.jobs });
  },
  retention: () => ({ rules: [auditPersonalRule] }),
});
