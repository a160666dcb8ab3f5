import type { Clock } from '../../platform/clock/index.ts';
import type { Db } from '../../platform/db/index.ts';
import type { JobHandler, JobQueue, ScheduleSpec } from '../../platform/jobs/index.ts';
import type { Ctx } from '../context/index.ts';
import { checkMobileMoneyPayment } from './check-mobile-money-payment.ts';
import type { PaymentDeps } from './payment-deps.ts';
import {
  checkStatusJob,
  linkDuplicateProofsJob,
  queueStatusCheck,
  reconcileJob,
  requestToPayJob,
} from './payments.queue.ts';
import { claimDuePayments } from './reconcile-mobile-money.ts';
import { sendRequestToPay } from './send-request-to-pay.ts';
import { linkDuplicateProofs } from './submit-proof-payment.ts';

/**
 * The reconciliation poll runs every minute, and once when a process starts working jobs: payments
 * left pending while no process ran are polled at once.
 */
export const PAYMENT_SCHEDULES: ScheduleSpec[] = [{ job: reconcileJob, cron: '* * * * *', atStart: true }];

/** The payment jobs, bound to the app's declared providers (each keeps its own token cache). */
export function paymentJobs(deps: {
  /** What the app's areas declared: the providers are read when a job runs. */
  declared: PaymentDeps['declared'];
  /** A system context in one organization, for the job named. */
  ctxFor: (orgId: string, job: string) => Ctx;
  jobs: JobQueue;
  /** Unscoped: the reconciliation claims due payments of every organization. */
  db: Db;
  clock: Clock;
}): JobHandler[] {
  const { ctxFor } = deps;
  return [
    requestToPayJob.handle((p, run) =>
      sendRequestToPay(ctxFor(p.orgId, requestToPayJob.name), deps, {
        paymentId: p.paymentId,
        attempt: run.attempt,
      }),
    ),
    checkStatusJob.handle(async (p) => {
      await checkMobileMoneyPayment(ctxFor(p.orgId, checkStatusJob.name), deps, p.paymentId, p.trigger);
    }),
    linkDuplicateProofsJob.handle((p) =>
      linkDuplicateProofs(ctxFor(p.orgId, linkDuplicateProofsJob.name), p.paymentId),
    ),
    reconcileJob.handle(async (p) => {
      const due = await claimDuePayments(deps.db, deps.clock, { orgId: p.orgId });
      for (const d of due) await queueStatusCheck(deps.jobs, { ...d, trigger: 'poll' });
    }),
  ];
}
