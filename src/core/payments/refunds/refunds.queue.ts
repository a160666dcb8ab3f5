import { z } from 'zod';
import type { Db } from '../../../platform/db/index.ts';
import { defineJob, type JobQueue } from '../../../platform/jobs/index.ts';
import type { Refund } from './refund-view.ts';

const refundRef = { orgId: z.string().uuid(), refundId: z.string().uuid() };

/** Sends one queued provider refund (safe to run twice: only the run that claims it calls the provider). */
export const refundSendJob = defineJob({
  name: 'payments.refund-send',
  payload: z.object(refundRef),
  retry: { limit: 6, delaySeconds: 2, backoff: true },
  expireInSeconds: 120,
  concurrency: 8,
});

/** Asks the provider where a refund stands, and settles or fails it. */
export const refundCheckJob = defineJob({
  name: 'payments.refund-check',
  payload: z.object({ ...refundRef, trigger: z.enum(['callback', 'poll', 'staff']) }),
  retry: { limit: 4, delaySeconds: 2, backoff: true },
  expireInSeconds: 120,
  concurrency: 8,
});

/** Claims refunds due a send or a check (a lost job, a callback that never came) across organizations. */
export const refundReconcileJob = defineJob({
  name: 'payments.refund-reconcile',
  payload: z.object({ orgId: z.string().uuid().optional() }),
  retry: { limit: 1, delaySeconds: 5 },
  expireInSeconds: 120,
});

/** Queues the send of a pending provider refund, through the caller's transaction when there is one. */
export async function queueRefundSend(
  jobs: JobQueue,
  refund: Pick<Refund, 'orgId' | 'id' | 'status'>,
  transaction?: Db,
): Promise<void> {
  if (refund.status !== 'pending') return;
  await jobs.send(
    refundSendJob,
    { orgId: refund.orgId, refundId: refund.id },
    transaction?.isTransaction ? { transaction } : undefined,
  );
}

/**
 * A status check: a callback's or staff's runs in this process at once, one at a time per refund (the
 * refund row is the durable record; the reconciliation claims it again if this process dies); a poll's
 * is a stored job.
 */
export async function queueRefundCheck(
  jobs: JobQueue,
  args: { orgId: string; refundId: string; trigger: 'callback' | 'poll' | 'staff' },
): Promise<void> {
  if (args.trigger === 'poll') await jobs.send(refundCheckJob, args);
  else jobs.runNow(refundCheckJob, args, { key: `refund:${args.refundId}` });
}
