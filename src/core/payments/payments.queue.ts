import { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import { defineJob, type JobQueue } from '../../platform/jobs/index.ts';
import type { Payment } from './payment-view.ts';

const paymentRef = { orgId: z.string().uuid(), paymentId: z.string().uuid() };

export type CheckTrigger = 'callback' | 'poll' | 'staff';

/** Asks the provider to collect a pending mobile-money payment (handlers in payments.jobs.ts). */
export const requestToPayJob = defineJob({
  name: 'payments.request-to-pay',
  payload: z.object(paymentRef),
  retry: { limit: 6, delaySeconds: 1, backoff: true },
  expireInSeconds: 120,
  // Each run mostly waits on the provider's answer: at 4, a burst of payers queued behind four calls
  // in flight and purchases stalled at ~21/s with the server half idle (issue 29).
  concurrency: 16,
});

/** Asks the provider where a mobile-money payment stands, and settles or fails it. */
export const checkStatusJob = defineJob({
  name: 'payments.check-status',
  payload: z.object({ ...paymentRef, trigger: z.enum(['callback', 'poll', 'staff']) }),
  retry: { limit: 4, delaySeconds: 2, backoff: true },
  expireInSeconds: 120,
  // The polls' checks (a callback's runs where it arrived, see queueStatusCheck).
  concurrency: 8,
});

/** Links a proof recorded beside an identical one in flight to the others like it (`linkDuplicateProofs`). */
export const linkDuplicateProofsJob = defineJob({
  name: 'payments.link-duplicate-proofs',
  payload: z.object(paymentRef),
  retry: { limit: 5, delaySeconds: 1, backoff: true },
});

/** Queues a status check of every pending mobile-money payment that is due one. */
export const reconcileJob = defineJob({
  name: 'payments.reconcile',
  // Cross-organization by default; `orgId` narrows it (the jobs screen filters by it).
  payload: z.object({ orgId: z.string().uuid().optional() }),
  retry: { limit: 1, delaySeconds: 5 },
  expireInSeconds: 120,
});

/**
 * Queues the provider call for a pending mobile-money payment (safe to queue twice). Given an open
 * transaction, the job is sent through it: it exists only if that transaction commits, and on the
 * embedded database (one connection, held by the transaction) the send cannot wait on itself.
 */
export async function queueRequestToPay(
  jobs: JobQueue,
  payment: Pick<Payment, 'orgId' | 'id' | 'status'>,
  transaction?: Db,
) {
  if (payment.status !== 'pending') return;
  await jobs.send(
    requestToPayJob,
    { orgId: payment.orgId, paymentId: payment.id },
    transaction?.isTransaction ? { transaction } : undefined,
  );
}

/**
 * Queues a status check: the only way a mobile-money payment settles or fails. A callback's or staff's
 * check runs in this process at once (the payer is waiting for the token), one at a time per payment,
 * without a stored job: the pending payment is the durable record, and the reconciliation poll checks
 * it if this process dies first. A check that fails is stored and retried by the workers.
 */
export async function queueStatusCheck(
  jobs: JobQueue,
  args: { orgId: string; paymentId: string; trigger: CheckTrigger },
): Promise<void> {
  if (args.trigger === 'poll') await jobs.send(checkStatusJob, args);
  else jobs.runNow(checkStatusJob, args, { key: `payment:${args.paymentId}` });
}
