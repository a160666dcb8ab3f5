import { forEachOrganization } from '../../core/jobs/index.ts';
import type { JobHandler } from '../../platform/jobs/index.ts';
import { notifyWinners } from './draw.ts';
import { remindHold } from './hold-reminders.ts';
import { expireHold, expireOrder, runOutOrders } from './order-expiry.ts';
import {
  expireHoldJob,
  notifyWinnersJob,
  refundCalledOffJob,
  remindHoldJob,
  sweepHoldsJob,
} from './raffle.queue.ts';
import type { RaffleRuntime } from './raffle.runtime.ts';
import type { RaffleTables } from './raffle.tables.ts';
import { continueRefundRun } from './raffle-call-off.ts';

/**
 * Hold expiry: one job per order at its expires_at, and a sweeper every minute for any it missed, in
 * the organizations that run raffles.
 */
export function raffleJobs(rt: RaffleRuntime): JobHandler[] {
  const { name, systemCtx, deps } = rt;
  const expire = expireHoldJob.handle((p) =>
    expireHold(systemCtx(p.orgId, expireHoldJob.name), rt, p.orderId),
  );
  const remind = remindHoldJob.handle((p) =>
    remindHold(systemCtx(p.orgId, remindHoldJob.name), rt, p.orderId),
  );
  const sweepHolds = sweepHoldsJob.handle((p) =>
    forEachOrganization(
      {
        withWork: deps.database.db
          .withTables<RaffleTables>()
          .selectFrom('raffle_order')
          .select('org_id')
          .where('status', '=', 'pending_payment')
          .where('expires_at', '<=', deps.clock.now()),
        module: name,
        orgId: p.orgId,
        job: sweepHoldsJob,
        systemCtx,
      },
      async (ctx) => {
        for (const id of await runOutOrders(ctx)) await expireOrder(ctx, rt, id);
      },
    ),
  );
  const winners = notifyWinnersJob.handle((p) =>
    notifyWinners(systemCtx(p.orgId, notifyWinnersJob.name), rt, p.raffleId),
  );
  const refundRun = refundCalledOffJob.handle(async (p) => {
    await continueRefundRun(systemCtx(p.orgId, refundCalledOffJob.name), deps, p.runId);
  });
  return [expire, remind, sweepHolds, winners, refundRun];
}
