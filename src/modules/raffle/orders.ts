import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { money } from '../../core/money/index.ts';
import {
  denyPayment,
  listPayments,
  lockPaymentPurpose,
  recordManualPayment,
  verifyPayment,
} from '../../core/payments/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { getOrder, type OrderView, orders, toOrderView } from './order-view.ts';
import { RaffleErrors } from './raffle.errors.ts';
import { notifyOrderBuyer } from './raffle.notifications.ts';
import type { RaffleTables } from './raffle.tables.ts';
import { releaseTicketsOf } from './tickets.ts';

export const ORDER_PURPOSE = 'raffle.order';

/**
 * Staff confirm payment of an order. Takes the order's payment lock first (`lockOrderDecision`),
 * then the order row, refuses unless it is still waiting
 * and its hold has not run out (the original sold a number twice here), then settles the money:
 * the buyer's submitted proof is verified, or cash is recorded. The settle hook
 * (`settleOrderPayment`) re-checks the tickets under lock in this same transaction; if it could not
 * mark the order paid, everything rolls back and the confirm is refused.
 */
export async function confirmOrder(ctx: Ctx, orderId: string): Promise<OrderView> {
  return inTransaction(ctx, async (tx) => {
    const order = await lockOrderDecision(tx, orderId);
    if (order.status !== 'pending_payment')
      throw RaffleErrors.order_not_pending({ orderId, status: order.status });
    if (order.expires_at.getTime() <= tx.clock.now().getTime())
      throw RaffleErrors.hold_expired({ orderId, expiresAt: order.expires_at });
    const proofs = await listPayments(tx, {
      purposeType: ORDER_PURPOSE,
      purposeId: orderId,
      status: 'submitted',
      limit: 1,
    });
    const proof = proofs.items[0];
    if (proof) await verifyPayment(tx, { paymentId: proof.id });
    else
      await recordManualPayment(tx, {
        amount: money(Number(order.amount_minor), order.currency.trim()),
        purpose: { type: ORDER_PURPOSE, id: orderId },
        kind: 'cash',
      });
    const after = await getOrder(tx, orderId);
    if (after.status !== 'paid') throw RaffleErrors.hold_expired({ orderId });
    return after;
  });
}

/**
 * Cancels an order waiting for payment and frees its tickets. Under the order's payment lock, one
 * guarded UPDATE: of a confirm and a cancel at the same moment exactly one succeeds, the other is
 * told `raffle.order_not_pending`. A proof still waiting stays for staff to deny: verifying it
 * later flags the cancelled order `refund_due` (`settleOrderPayment`).
 */
export async function cancelOrder(
  ctx: Ctx,
  rt: { jobs: JobQueue; notify?: boolean },
  orderId: string,
): Promise<{ order: OrderView; released: number[] }> {
  return inTransaction(ctx, async (tx) => {
    await lockOrderDecision(tx, orderId);
    const now = tx.clock.now();
    const row = await tx.db
      .withTables<RaffleTables>()
      .updateTable('raffle_order')
      .set({ status: 'cancelled', cancelled_at: now, updated_at: now })
      .where('id', '=', orderId)
      .where('status', '=', 'pending_payment')
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const current = await getOrder(tx, orderId);
      throw RaffleErrors.order_not_pending({ orderId, status: current.status });
    }
    const released = await releaseTicketsOf(tx, row.raffle_id, row.id);
    const view = toOrderView(row, now);
    await recordAudit(tx, {
      action: 'raffle.order.cancelled',
      subject: { type: 'raffle_order', id: row.id },
      before: { status: 'pending_payment' },
      after: { ...view, released },
    });
    if (rt.notify) await notifyOrderBuyer(tx, rt.jobs, row, 'raffle.order_cancelled');
    return { order: view, released };
  });
}

/** Staff reject the buyer's proof (with a reason the buyer is told); the hold keeps running. */
export async function denyOrderProof(ctx: Ctx, orderId: string, reason: string): Promise<OrderView> {
  return inTransaction(ctx, async (tx) => {
    await lockOrderDecision(tx, orderId);
    const proofs = await listPayments(tx, {
      purposeType: ORDER_PURPOSE,
      purposeId: orderId,
      status: 'submitted',
    });
    if (proofs.items.length === 0) throw RaffleErrors.proof_not_found({ orderId });
    for (const p of proofs.items) await denyPayment(tx, { paymentId: p.id, reason });
    return getOrder(tx, orderId);
  });
}

/**
 * Lock order of every decision on an order and its payments: the purpose lock core payments takes
 * for any payment of this order (so a proof verified from the payments screen waits for a confirm
 * here, and the other way round), then the order row. Taking the row first and the payment after,
 * as the payments side did the opposite, deadlocked (issue 26).
 */
async function lockOrderDecision(tx: Ctx, orderId: string) {
  await lockPaymentPurpose(tx, { type: ORDER_PURPOSE, id: orderId });
  return lockOrder(tx, orderId);
}

async function lockOrder(tx: Ctx, orderId: string) {
  const row = await orders(tx).selectAll().where('id', '=', orderId).forUpdate().executeTakeFirst();
  if (!row) throw RaffleErrors.order_not_found({ orderId });
  return row;
}
