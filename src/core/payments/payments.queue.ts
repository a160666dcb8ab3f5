import type { JobQueue } from '../../platform/jobs/index.ts';
import type { Payment } from './payment-view.ts';

export const REQUEST_TO_PAY_JOB = 'payments.request-to-pay';
export const CHECK_STATUS_JOB = 'payments.check-status';
export const RECONCILE_JOB = 'payments.reconcile';

export type CheckTrigger = 'callback' | 'poll' | 'staff';

/** Queues the provider call for a pending mobile-money payment (safe to queue twice). */
export async function queueRequestToPay(jobs: JobQueue, payment: Pick<Payment, 'orgId' | 'id' | 'status'>) {
  if (payment.status !== 'pending') return;
  await jobs.send(REQUEST_TO_PAY_JOB, { orgId: payment.orgId, paymentId: payment.id });
}

/** Queues a status check: the only way a mobile-money payment settles or fails. */
export async function queueStatusCheck(
  jobs: JobQueue,
  args: { orgId: string; paymentId: string; trigger: CheckTrigger },
): Promise<void> {
  await jobs.send(CHECK_STATUS_JOB, args);
}
