import { z } from 'zod';
import { defineJob, type ScheduleSpec } from '../../platform/jobs/index.ts';

// The raffle module's jobs, as data: use cases send them; raffle.jobs.ts binds their handlers.

/**
 * Every minute: ends the holds that ran out and sends the reminders that are due, in batches (one
 * transaction each), in every organization with such work; a reservation queues no job of its own.
 */
export const sweepHoldsJob = defineJob({
  name: 'raffle.sweep-holds',
  // Cross-organization by default; `orgId` narrows it (the jobs screen filters by it).
  payload: z.object({ orgId: z.string().uuid().optional() }),
});

/** Tells the winners of a drawn raffle. */
export const notifyWinnersJob = defineJob({
  name: 'raffle.notify-winners',
  payload: z.object({ orgId: z.string().uuid(), raffleId: z.string().uuid() }),
});

/** Refunds the next paid orders of a called-off raffle (issue 53); queues itself again until done. */
export const refundCalledOffJob = defineJob({
  name: 'raffle.refund-called-off',
  payload: z.object({ orgId: z.string().uuid(), runId: z.string().uuid() }),
  retry: { limit: 5, delaySeconds: 5, backoff: true },
  expireInSeconds: 600,
});

export const RAFFLE_SCHEDULES: ScheduleSpec[] = [{ job: sweepHoldsJob, cron: '* * * * *' }];
