import type { Clock } from '../../../platform/clock/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import type { JobHandler, JobQueue, ScheduleSpec } from '../../../platform/jobs/index.ts';
import type { Ctx } from '../../context/index.ts';
import type { PaymentDeps } from '../payment-deps.ts';
import { checkRefund } from './check-refund.ts';
import { claimDueRefunds } from './reconcile-refunds.ts';
import { queueRefundCheck, refundCheckJob, refundReconcileJob, refundSendJob } from './refunds.queue.ts';
import { sendRefund } from './send-refund.ts';

/** The refunds' reconciliation runs every minute, and once when a process starts working jobs. */
export const REFUND_SCHEDULES: ScheduleSpec[] = [
  { job: refundReconcileJob, cron: '* * * * *', atStart: true },
];

/** The refund jobs, bound to the app's declared providers (payments finds a refund's provider itself). */
export function refundJobs(deps: {
  declared: PaymentDeps['declared'];
  ctxFor: (orgId: string, job: string) => Ctx;
  jobs: JobQueue;
  /** Unscoped: the reconciliation claims due refunds of every organization. */
  db: Db;
  clock: Clock;
}): JobHandler[] {
  const { ctxFor } = deps;
  return [
    refundSendJob.handle(async (p) => {
      await sendRefund(ctxFor(p.orgId, refundSendJob.name), deps, p.refundId);
    }),
    refundCheckJob.handle(async (p) => {
      await checkRefund(ctxFor(p.orgId, refundCheckJob.name), deps, p.refundId, p.trigger);
    }),
    refundReconcileJob.handle(async (p) => {
      const due = await claimDueRefunds(deps.db, deps.clock, { orgId: p.orgId });
      for (const d of due) {
        if (d.status === 'pending')
          await deps.jobs.send(refundSendJob, { orgId: d.orgId, refundId: d.refundId });
        else await queueRefundCheck(deps.jobs, { orgId: d.orgId, refundId: d.refundId, trigger: 'poll' });
      }
    }),
  ];
}
