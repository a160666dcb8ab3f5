import type { Ctx } from '../../core/context/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import { holdUntil } from './hold-until.ts';
import { proofUnderReview } from './order-proof.ts';
import { orders } from './order-view.ts';
import { notifyBuyer, numberList } from './raffle.notifications.ts';
import { insideServiceWindow, isLiveOrder } from './raffle.rules.ts';
import type { RaffleRuntime } from './raffle.runtime.ts';
import type { RaffleTables } from './raffle.tables.ts';

/**
 * Reminds a buyer that their held numbers are still waiting for payment, "until 16:17" in the
 * organization's time zone, while the hold is live, no proof waits for staff and WhatsApp's 24-hour
 * window is open. Sent once per order (the notification's key), so a job run twice reminds once.
 */
export async function remindHold(ctx: Ctx, rt: Pick<RaffleRuntime, 'jobs' | 'deps'>, orderId: string) {
  const now = ctx.clock.now();
  const order = await orders(ctx).selectAll().where('id', '=', orderId).executeTakeFirst();
  if (!order || !isLiveOrder({ status: order.status, expiresAt: order.expires_at }, now)) return;
  if (!insideServiceWindow(order.created_at, now)) return;
  // A buyer whose proof is being checked is not asked for it again (issue 54, item 16).
  if (await proofUnderReview(ctx, order.id)) return;
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
  await notifyBuyer(ctx, rt.jobs, {
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
        t: (key, params) => rt.deps.conversations.i18n.t(locale, `raffle:${key}`, params),
      }),
    },
    key: `raffle.hold_reminder:${order.id}`,
    orderId: order.id,
  });
}
