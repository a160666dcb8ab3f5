import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import { holdUntil } from './hold-until.ts';
import { SWEEP_BATCH } from './order-expiry.ts';
import { proofUnderReview } from './order-proof.ts';
import { orders } from './order-view.ts';
import { notifyBuyer, numberList } from './raffle.notifications.ts';
import { insideServiceWindow, isLiveOrder } from './raffle.rules.ts';
import type { RaffleRuntime } from './raffle.runtime.ts';
import type { RaffleTables } from './raffle.tables.ts';

/**
 * Sends the reminders that are due in the organization (a hold's `remind_at` has come, the hold is
 * still live, none sent yet), a batch of SWEEP_BATCH per transaction, each marked in it so a sweep
 * run twice reminds once. Returns how many holds it looked at.
 */
export async function remindDueHolds(ctx: Ctx, rt: Pick<RaffleRuntime, 'jobs' | 'deps'>): Promise<number> {
  let looked = 0;
  for (;;) {
    const now = ctx.clock.now();
    const due = await orders(ctx)
      .select('id')
      .where('status', '=', 'pending_payment')
      .where('reminded_at', 'is', null)
      .where('remind_at', '<=', now)
      .where('expires_at', '>', now)
      .orderBy('remind_at')
      .limit(SWEEP_BATCH)
      .execute();
    if (due.length === 0) return looked;
    await inTransaction(ctx, async (tx) => {
      for (const { id } of due) await remindHold(tx, rt, id);
      await tx.db
        .withTables<RaffleTables>()
        .updateTable('raffle_order')
        .set({ reminded_at: now })
        .where(
          'id',
          'in',
          due.map((d) => d.id),
        )
        .execute();
    });
    looked += due.length;
    if (due.length < SWEEP_BATCH) return looked;
  }
}

/**
 * Reminds a buyer that their held numbers are still waiting for payment, "until 16:17" in the
 * organization's time zone, while the hold is live, no proof waits for staff and WhatsApp's 24-hour
 * window is open. Sent once per order (the notification's key), so a job run twice reminds once.
 */
async function remindHold(ctx: Ctx, rt: Pick<RaffleRuntime, 'jobs' | 'deps'>, orderId: string) {
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
