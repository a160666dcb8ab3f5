import type { Ctx } from '../../core/context/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import type { OrderView } from './order-view.ts';
import { expireHoldJob, remindHoldJob } from './raffle.queue.ts';
import { reminderAt } from './raffle.rules.ts';

/**
 * Queues, in the reservation's transaction, the job that expires this hold exactly when it runs
 * out and the reminder shortly before. The sweeper schedule catches anything these miss.
 */
export async function scheduleHoldJobs(tx: Ctx, jobs: JobQueue, order: OrderView): Promise<void> {
  const payload = { orgId: tx.orgId, orderId: order.id };
  await jobs.send(expireHoldJob, payload, {
    startAfter: order.expiresAt,
    singletonKey: `expire:${order.id}`,
    transaction: tx.db,
  });
  const remindAt = reminderAt(order.createdAt, order.expiresAt);
  if (remindAt)
    await jobs.send(remindHoldJob, payload, {
      startAfter: remindAt,
      singletonKey: `remind:${order.id}`,
      transaction: tx.db,
    });
}
