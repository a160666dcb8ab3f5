import type { AreaDeps } from '../modules/index.ts';
import { defineArea } from '../modules/index.ts';
import {
  type CleanupDeps,
  RETENTION_SCHEDULES,
  RetentionErrors,
  retentionJobs,
  retentionRoutes,
  retentionRunsResource,
} from '../retention/index.ts';

const cleanupDeps = (deps: AreaDeps): CleanupDeps => ({
  database: deps.database,
  clock: deps.clock,
  systemCtx: deps.systemCtx,
  retention: deps.declared.retention,
});

/**
 * Data retention (issue 18): per organization, how long each kind of data the areas declare is kept;
 * the nightly cleanup (and `opsdesk cleanup`), its runs, and legal holds.
 */
export const retentionArea = defineArea({
  name: 'retention',
  errors: [RetentionErrors],
  permissions: [
    {
      key: 'retention.settings.read',
      description: 'See how long data is kept and what a cleanup would remove',
    },
    {
      key: 'retention.settings.manage',
      description: 'Change retention periods and the legal hold of the organization',
    },
    { key: 'retention.hold.manage', description: 'Put contacts and payments under a legal hold' },
    { key: 'retention.run.read', description: 'See cleanup runs and what they removed' },
  ],
  resources: () => [retentionRunsResource],
  routes: (deps) => async (app) =>
    app.register(retentionRoutes, {
      cleanup: cleanupDeps(deps),
      jobsKeepDays: deps.config.OPSDESK_JOBS_KEEP_DAYS,
    }),
  jobs: (deps) => retentionJobs(cleanupDeps(deps)),
  schedules: RETENTION_SCHEDULES,
});
