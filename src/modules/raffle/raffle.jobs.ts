import { forEachOrganization } from '../../core/jobs/index.ts';
import type { JobHandler } from '../../platform/jobs/index.ts';
import { notifyWinners } from './draw.ts';
import { remindDueHolds } from './hold-reminders.ts';
import { expireRunOutHolds } from './order-expiry.ts';
import { notifyWinnersJob, refundCalledOffJob, sweepHoldsJob } from './raffle.queue.ts';
import type { RaffleRuntime } from './raffle.runtime.ts';
import type { RaffleTables } from './raffle.tables.ts';
import { continueRefundRun } from './raffle-call-off.ts';

/**
 * Holds: the sweep every minute ends the run-out ones and reminds the due ones, in the organizations
 * that run raffles and have such work, in batches.
 */
export function raffleJobs(rt: RaffleRuntime): JobHandler[] {
  const { name, systemCtx, deps } = rt;
  const sweepHolds = sweepHoldsJob.handle((p) => {
    const now = deps.clock.now();
    return forEachOrganization(
      {
        withWork: deps.database.db
          .withTables<RaffleTables>()
          .selectFrom('raffle_order')
          .select('org_id')
          .where('status', '=', 'pending_payment')
          .where((eb) =>
            eb.or([
              eb('expires_at', '<=', now),
              eb.and([eb('reminded_at', 'is', null), eb('remind_at', '<=', now)]),
            ]),
          ),
        module: name,
        orgId: p.orgId,
        job: sweepHoldsJob,
        systemCtx,
      },
      async (ctx) => {
        await expireRunOutHolds(ctx, rt);
        await remindDueHolds(ctx, rt);
      },
    );
  });
  const winners = notifyWinnersJob.handle((p) =>
    notifyWinners(systemCtx(p.orgId, notifyWinnersJob.name), rt, p.raffleId),
  );
  const refundRun = refundCalledOffJob.handle(async (p) => {
    await continueRefundRun(systemCtx(p.orgId, refundCalledOffJob.name), deps, p.runId);
  });
  return [sweepHolds, winners, refundRun];
}
