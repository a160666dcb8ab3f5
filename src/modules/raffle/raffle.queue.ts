import { z } from 'zod';
import { defineJob, type ScheduleSpec } from '../../platform/jobs/index.ts';

// The raffle module's jobs, as data: use cases send them; raffle.jobs.ts binds their handlers.

const orderRef = z.object({ orgId: z.string().uuid(), orderId: z.string().uuid() });

/** Expires one hold when it runs out (queued with the reservation, at its `expires_at`). */
export const expireHoldJob = defineJob({
  name: 'raffle.expire-hold',
  payload: orderRef,
  retry: { limit: 5, delaySeconds: 2, backoff: true },
});

/** Reminds the buyer shortly before a hold runs out. */
export const remindHoldJob = defineJob({ name: 'raffle.remind-hold', payload: orderRef });

/** Every minute: expires any hold whose own job was missed. */
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
