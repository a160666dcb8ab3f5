import { forEachOrganization } from '../../core/jobs/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import type { JobHandler } from '../../platform/jobs/index.ts';
import { notifyWinners } from './draw.ts';
import { holdUntil } from './hold-until.ts';
import { expireOrder, runOutOrders } from './order-expiry.ts';
import { orders } from './order-view.ts';
import { notifyBuyer, numberList } from './raffle.notifications.ts';
import { expireHoldJob, notifyWinnersJob, remindHoldJob, sweepHoldsJob } from './raffle.queue.ts';
import { insideServiceWindow, isLiveOrder } from './raffle.rules.ts';
import type { RaffleRuntime } from './raffle.runtime.ts';
import type { RaffleTables } from './raffle.tables.ts';

/**
 * Hold expiry: one job per order at its expires_at, and a sweeper every minute for any it missed, in
 * the organizations that run raffles.
 */
export function raffleJobs({ name, deps }: RaffleRuntime): JobHandler[] {
  const ctxFor = deps.systemCtx;
  const expireHold = expireHoldJob.handle(async (p) => {
    const ctx = ctxFor(p.orgId, expireHoldJob.name);
    if (await expireOrder(ctx, p.orderId, deps.jobs)) return;
    const order = await orders(ctx)
      .select(['status', 'expires_at'])
      .where('id', '=', p.orderId)
      .executeTakeFirst();
    // Started a moment early (clocks differ): come back when the hold has really run out.
    if (order?.status === 'pending_payment')
      await deps.jobs.send(expireHoldJob, p, {
        startAfter: new Date(order.expires_at.getTime() + 1_000),
      });
  });
  const remindHold = remindHoldJob.handle(async (p) => {
    const ctx = ctxFor(p.orgId, remindHoldJob.name);
    const now = ctx.clock.now();
    const order = await orders(ctx).selectAll().where('id', '=', p.orderId).executeTakeFirst();
    if (!order || !isLiveOrder({ status: order.status, expiresAt: order.expires_at }, now)) return;
    if (!insideServiceWindow(order.created_at, now)) return;
    const db = ctx.db.withTables<RaffleTables>();
    const raffle = await db
      .selectFrom('raffle_raffle')
      .select('title')
      .where('id', '=', order.raffle_id)
      .executeTakeFirstOrThrow();
    const org = await getOrganization(ctx);
    const buyer = await db
      .selectFrom('raffle_buyer')
      .select('language')
      .where('id', '=', order.buyer_id)
      .executeTakeFirstOrThrow();
    const locale = buyer.language === 'es' ? 'es' : 'en';
    await notifyBuyer(ctx, deps.jobs, {
      buyerId: order.buyer_id,
      template: 'raffle.hold_reminder',
      data: {
        raffle: raffle.title,
        numbers: numberList(order.numbers),
        // "hasta las 16:17" today, with the day when it ends another day, in the organization's zone.
        until: holdUntil(order.expires_at, {
          now,
          timeZone: org.timeZone,
          locale,
          t: (key, params) => deps.conversations.i18n.t(locale, `raffle:${key}`, params),
        }),
      },
      key: `raffle.hold_reminder:${order.id}`,
      orderId: order.id,
    });
  });
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
        systemCtx: ctxFor,
      },
      async (ctx) => {
        for (const id of await runOutOrders(ctx)) await expireOrder(ctx, id, deps.jobs);
      },
    ),
  );
  const winners = notifyWinnersJob.handle(async (p) => {
    await notifyWinners(ctxFor(p.orgId, notifyWinnersJob.name), p.raffleId, deps.jobs);
  });
  return [expireHold, remindHold, sweepHolds, winners];
}
