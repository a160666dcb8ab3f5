import { recordAudit } from '../../core/audit/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import type { Payment } from '../../core/payments/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { orders, toOrderView } from './order-view.ts';
import { notifyBuyer, notifyOrderBuyer, numberList } from './raffle.notifications.ts';
import { orderStillHolds } from './raffle.rules.ts';
import type { RaffleTables } from './raffle.tables.ts';
import { lockTicketsOfOrder, sellTicketsOf } from './tickets.ts';

/**
 * `onPaymentSettled('raffle.order')`: in the payment's transaction, marks the order paid and its
 * tickets sold, but only if every ticket is still held by this order and the hold has not run out
 * (re-checked under the order lock and ascending ticket locks). Otherwise the money is real but the
 * tickets may be someone else's now: the order is flagged `refund_due` and audited, never sold.
 */
export async function settleOrderPayment(tx: Ctx, rt: { jobs: JobQueue }, payment: Payment): Promise<void> {
  const order = await orders(tx)
    .selectAll()
    .where('id', '=', payment.purpose.id)
    .forUpdate()
    .executeTakeFirst();
  if (!order) return;
  if (order.status === 'paid' && order.payment_id === payment.id) return;
  const now = tx.clock.now();
  const tickets = await lockTicketsOfOrder(tx, order.raffle_id, order.id);
  const holds =
    order.status === 'pending_payment' &&
    orderStillHolds({ id: order.id, numbers: order.numbers, expiresAt: order.expires_at }, tickets, now);
  const db = tx.db.withTables<RaffleTables>();
  const subject = { type: 'raffle_order', id: order.id };
  if (!holds) {
    await db
      .updateTable('raffle_order')
      .set({ refund_due: true, updated_at: now })
      .where('id', '=', order.id)
      .execute();
    await recordAudit(tx, {
      action: 'raffle.order.refund_due',
      subject,
      before: toOrderView(order, now),
      meta: { paymentId: payment.id, reason: 'hold_no_longer_valid' },
    });
    return;
  }
  await sellTicketsOf(tx, order.raffle_id, order.id);
  const paid = await db
    .updateTable('raffle_order')
    .set({ status: 'paid', paid_at: now, payment_id: payment.id, updated_at: now })
    .where('id', '=', order.id)
    .where('status', '=', 'pending_payment')
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(tx, {
    action: 'raffle.order.paid',
    subject,
    before: { status: 'pending_payment' },
    after: toOrderView(paid, now),
    meta: { paymentId: payment.id, method: payment.method },
  });
  await notifyOrderBuyer(tx, rt.jobs, order, 'raffle.order_paid');
}

/** `onPaymentFailed('raffle.order')`: a denied proof; the buyer is told why and may send another. */
export async function tellProofDenied(tx: Ctx, rt: { jobs: JobQueue }, payment: Payment): Promise<void> {
  const order = await tx.db
    .withTables<RaffleTables>()
    .selectFrom('raffle_order')
    .select(['id', 'buyer_id', 'numbers'])
    .where('id', '=', payment.purpose.id)
    .executeTakeFirst();
  if (!order || payment.method !== 'proof') return;
  await recordAudit(tx, {
    action: 'raffle.order.proof_denied',
    subject: { type: 'raffle_order', id: order.id },
    meta: { paymentId: payment.id, reason: payment.denialReason },
  });
  await notifyBuyer(tx, rt.jobs, {
    buyerId: order.buyer_id,
    template: 'raffle.proof_denied',
    data: { numbers: numberList(order.numbers), reason: payment.denialReason ?? '' },
    key: `raffle.proof_denied:${payment.id}`,
    orderId: order.id,
  });
}
