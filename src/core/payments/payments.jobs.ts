import { z } from 'zod';
import type { Clock } from '../../platform/clock/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { defineJob, type JobQueue, type JobSpec, type ScheduleSpec } from '../../platform/jobs/index.ts';
import type { Ctx } from '../context/index.ts';
import { checkMobileMoneyPayment } from './check-mobile-money-payment.ts';
import type { PaymentProvider } from './payment-provider.ts';
import { CHECK_STATUS_JOB, queueStatusCheck, RECONCILE_JOB, REQUEST_TO_PAY_JOB } from './payments.queue.ts';
import { claimDuePayments } from './reconcile-mobile-money.ts';
import { sendRequestToPay } from './send-request-to-pay.ts';

const paymentRef = { orgId: z.string().uuid(), paymentId: z.string().uuid() };

/** The reconciliation poll runs every minute (and once at start, see the routes' onReady). */
export const PAYMENT_SCHEDULES: ScheduleSpec[] = [{ job: RECONCILE_JOB, cron: '* * * * *' }];

/** The payment jobs, bound to the app's declared providers (each keeps its own token cache). */
export function paymentJobs(deps: {
  /** The providers the app's channel areas declared; read when a job runs. */
  providers: () => ReadonlyArray<PaymentProvider>;
  /** A system context in one organization, for the job named. */
  ctxFor: (orgId: string, job: string) => Ctx;
  jobs: JobQueue;
  /** Unscoped: the reconciliation claims due payments of every organization. */
  db: Db;
  clock: Clock;
}): JobSpec<unknown>[] {
  const { ctxFor } = deps;

  const requestToPay = defineJob({
    name: REQUEST_TO_PAY_JOB,
    payload: z.object(paymentRef),
    retry: { limit: 6, delaySeconds: 1, backoff: true },
    expireInSeconds: 120,
    concurrency: 4,
    run: (p, run) =>
      sendRequestToPay({ providers: deps.providers() }, ctxFor(p.orgId, REQUEST_TO_PAY_JOB), {
        paymentId: p.paymentId,
        attempt: run.attempt,
      }),
  });

  const checkStatus = defineJob({
    name: CHECK_STATUS_JOB,
    payload: z.object({ ...paymentRef, trigger: z.enum(['callback', 'poll', 'staff']) }),
    retry: { limit: 4, delaySeconds: 2, backoff: true },
    expireInSeconds: 120,
    concurrency: 4,
    run: async (p) => {
      await checkMobileMoneyPayment(
        { providers: deps.providers(), jobs: deps.jobs },
        ctxFor(p.orgId, CHECK_STATUS_JOB),
        p.paymentId,
      );
    },
  });

  const reconcile = defineJob({
    name: RECONCILE_JOB,
    // Cross-organization by default; `orgId` narrows it (the jobs screen filters by it).
    payload: z.object({ orgId: z.string().uuid().optional() }),
    retry: { limit: 1, delaySeconds: 5 },
    expireInSeconds: 120,
    run: async (p) => {
      const due = await claimDuePayments(deps.db, deps.clock, { orgId: p.orgId });
      for (const d of due) await queueStatusCheck(deps.jobs, { ...d, trigger: 'poll' });
    },
  });

  return [requestToPay, checkStatus, reconcile] as JobSpec<unknown>[];
}
