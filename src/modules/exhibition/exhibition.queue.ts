import { z } from 'zod';
import { defineJob } from '../../platform/jobs/index.ts';

// The exhibition module's jobs, as data: use cases send them; exhibition.jobs.ts binds their handlers.

/**
 * One step of an end-of-exhibition statement run: e-mails the next batch of customers and queues
 * the next step, or finishes the run. A step that dies is retried and skips who already has a statement.
 */
export const statementRunJob = defineJob({
  name: 'exhibition.statement-run',
  payload: z.object({ orgId: z.string().uuid(), runId: z.string().uuid() }),
  retry: { limit: 10, delaySeconds: 5, backoff: true },
});
