import { z } from 'zod';
import { defineJob } from '../../platform/jobs/index.ts';

/**
 * One import run from the console (`import-runs.ts`): the whole run in one job, its progress
 * written to the run's row after every batch. Not retried: a run that failed says so, and the
 * operator starts another (a second run skips what the first brought over).
 */
export const importRunJob = defineJob({
  name: 'imports.run',
  payload: z.object({ orgId: z.string().uuid(), runId: z.string().uuid() }),
  retry: { limit: 0, delaySeconds: 1 },
  expireInSeconds: 3 * 3600,
});
