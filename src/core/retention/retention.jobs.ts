import { z } from 'zod';
import { defineJob, type JobHandler, type ScheduleSpec } from '../../platform/jobs/index.ts';
import { type CleanupDeps, cleanDeployment, runCleanup } from './run-cleanup.ts';

/** The nightly cleanup: every organization (or the one named), as `opsdesk cleanup` does it. */
export const cleanupJob = defineJob({
  name: 'retention.cleanup',
  payload: z.object({ orgId: z.string().uuid().optional() }),
  policy: 'singleton',
  // a large first cleanup takes a while; a second one must not start beside it
  expireInSeconds: 60 * 60,
  retry: { limit: 1, delaySeconds: 600 },
});

export const RETENTION_SCHEDULES: ScheduleSpec[] = [{ job: cleanupJob, cron: '17 3 * * *' }];

export const retentionJobs = (deps: CleanupDeps): JobHandler[] => [
  cleanupJob.handle(async (p) => {
    await runCleanup(deps, { dryRun: false, trigger: 'schedule', ...(p.orgId ? { orgId: p.orgId } : {}) });
    if (!p.orgId) await cleanDeployment(deps, false);
  }),
];
