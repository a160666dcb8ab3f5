import { z } from 'zod';
import { defineJob } from '../../platform/jobs/index.ts';

// The mess module's jobs, as data: use cases send them; mess.jobs.ts binds their handlers.

/** Appends an organization's pending backup rows to its spreadsheet (`sheets-backup.ts`). */
export const sheetsAppendJob = defineJob({
  name: 'mess.sheets-append',
  payload: z.object({ orgId: z.string().uuid() }),
  retry: { limit: 3, delaySeconds: 1, backoff: true },
  // Per organization: one queued and one running at most, so two runs never append the same rows.
  policy: 'stately',
  expireInSeconds: 120,
});

/** Edits the wardens' cards of a decided student or payment (`decided-cards.ts`). */
export const settleCardsJob = defineJob({
  name: 'mess.cards-settle',
  payload: z.object({
    orgId: z.string().uuid(),
    subject: z.enum(['student', 'payment']),
    id: z.string().uuid(),
  }),
  retry: { limit: 5, delaySeconds: 2, backoff: true },
  expireInSeconds: 120,
});

/** One step of a pass run (`pass-regeneration.ts`); the step queues the next until every student has a new pass. */
export const passRunJob = defineJob({
  name: 'mess.pass-run',
  payload: z.object({ orgId: z.string().uuid(), runId: z.string().uuid() }),
  retry: { limit: 5, delaySeconds: 5, backoff: true },
  expireInSeconds: 300,
});
