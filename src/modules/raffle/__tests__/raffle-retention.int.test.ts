import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgCtx, orgIdOf } from '../../../../test/factories/org.ts';
import { createRaffle, createRaffleOrder } from '../../../../test/factories/raffle.ts';
import { cleanupNow, daysAgo, kindIn, messageCount, oldChatOf } from '../../../../test/support/retention.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { verifyPayment } from '../../../core/payments/index.ts';
import { expireOrderInTransaction } from '../order-expiry.ts';

let app: TestApp;
let orgId: string;
let raffleId: string;
const db = () => app.database.db;

beforeAll(async () => {
  app = await startTestApp();
  orgId = await orgIdOf(app);
  raffleId = (await createRaffle(app)).id;
});
afterAll(async () => app?.close());

/** Lets an order's hold run out now (the sweeper's use case), then dates its expiry `days` back. */
async function expire(orderId: string, days: number) {
  await sql`update raffle_order set expires_at = now() - interval '1 minute' where id = ${orderId}`.execute(
    db(),
  );
  const ctx = await orgCtx(app);
  await ctx.db.transaction().execute((trx) => expireOrderInTransaction({ ...ctx, db: trx }, {}, orderId));
  await sql`update raffle_order set expired_at = ${daysAgo(days)} where id = ${orderId}`.execute(db());
}
const contactOf = async (orderId: string) =>
  (
    await sql<{
      contact_id: string;
    }>`select b.contact_id from raffle_order o join raffle_buyer b on b.id = o.buyer_id
      where o.id = ${orderId}`.execute(db())
  ).rows[0]!.contact_id;
const orderExists = async (orderId: string) =>
  (await sql`select 1 from raffle_order where id = ${orderId}`.execute(db())).rows.length === 1;
const proofPurged = async (paymentId: string) =>
  (
    await sql<{
      purged_at: Date | null;
    }>`select f.purged_at from payment p join file_object f on f.id = p.proof_file_id
      where p.id = ${paymentId}`.execute(db())
  ).rows[0]!.purged_at !== null;
const paymentOf = async (orderId: string) =>
  (
    await sql<{
      id: string;
    }>`select id from payment where purpose_type = 'raffle.order' and purpose_id = ${orderId}`.execute(db())
  ).rows[0]!.id;

describe('raffle retention', () => {
  it('removes expired orders no money touched after 180 days, and keeps a buyer with an open order', async () => {
    const open = await createRaffleOrder(app, { raffleId });
    const openChat = await oldChatOf(app, orgId, await contactOf(open.id), 400);
    const gone = await createRaffleOrder(app, { raffleId });
    await expire(gone.id, 200);
    const goneChat = await oldChatOf(app, orgId, await contactOf(gone.id), 400);
    const recent = await createRaffleOrder(app, { raffleId });
    await expire(recent.id, 20);

    const dry = await cleanupNow(app, { dryRun: true });
    expect(kindIn(dry, 'raffle.closed_orders')?.rows).toBe(1);
    await cleanupNow(app);
    expect(await orderExists(gone.id)).toBe(false);
    expect(await orderExists(recent.id)).toBe(true);
    expect(await orderExists(open.id)).toBe(true);
    // the open order's buyer is still needed: their chat stays; the other buyer's old chat went
    expect(await messageCount(app, openChat)).toBe(1);
    expect(await messageCount(app, goneChat)).toBe(0);
  });

  it('keeps the proof of a payment waiting for its refund, and purges the proof of a paid order', async () => {
    // paid after the hold ran out: the money is real but the tickets are gone, so a refund is due
    const late = await createRaffleOrder(app, { raffleId, payment: 'proof' });
    const latePayment = await paymentOf(late.id);
    await expire(late.id, 400);
    const paid = await createRaffleOrder(app, { raffleId, payment: 'proof' });
    const paidPayment = await paymentOf(paid.id);
    const ctx = await orgCtx(app);
    await verifyPayment(ctx, { paymentId: latePayment });
    await verifyPayment(ctx, { paymentId: paidPayment });
    expect(
      (
        await sql<{ refund_due: boolean }>`select refund_due from raffle_order where id = ${late.id}`.execute(
          db(),
        )
      ).rows,
    ).toEqual([{ refund_due: true }]);
    await sql`update payment set verified_at = ${daysAgo(400)} where id in (${latePayment}, ${paidPayment})`.execute(
      db(),
    );

    await cleanupNow(app);
    expect(await proofPurged(paidPayment)).toBe(true);
    expect(await proofPurged(latePayment)).toBe(false);
    // the order waiting for its refund is no closed order to remove either
    expect(await orderExists(late.id)).toBe(true);
  });
});
