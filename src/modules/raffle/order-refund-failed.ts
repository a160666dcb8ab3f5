// The raffle's `failed` step of an order's refund contract (issue 62): a provider refund that failed for
// good gave nothing back, so the order holds its money again.
import { recordAudit } from '../../core/audit/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import type { PaymentRefunded } from '../../core/payments/index.ts';
import { sql } from '../../platform/db/index.ts';
import { orders, toOrderView, writeOrderRefunded } from './order-view.ts';

/**
 * `failed`: what went back of the order shrinks by the refund; an order it had cancelled is paid again
 * and takes back its numbers still free (held off sale for it, or released and sold to nobody since).
 * A number another buyer bought meanwhile stays theirs: the order's history names the numbers it got
 * back. Under the order's row lock, after core's locks. A retry of the refund runs `started` again.
 */
export async function undoOrderRefund(tx: Ctx, event: PaymentRefunded): Promise<void> {
  const order = await orders(tx)
    .selectAll()
    .where('id', '=', event.payment.purpose.id)
    .forUpdate()
    .executeTakeFirst();
  if (!order || order.payment_id !== event.payment.id) return;
  const refundedMinor = Math.max(0, Number(order.refunded_minor) - event.refund.amount.amountMinor);
  const reopen = order.status === 'cancelled';
  const changed = await writeOrderRefunded(tx, order.id, refundedMinor, reopen ? 'paid' : undefined);
  const numbers = reopen ? await takeBackNumbers(tx, order.raffle_id, order.id, order.numbers) : [];
  await recordAudit(tx, {
    action: 'raffle.order.refund_failed',
    subject: { type: 'raffle_order', id: order.id },
    before: { status: order.status },
    after: toOrderView(changed, tx.clock.now()),
    meta: {
      refundId: event.refund.id,
      amount: event.refund.amount,
      failureReason: event.refund.failureReason,
      ...(reopen ? { numbers } : {}),
    },
  });
}

/** The order's numbers sold to it again: those held off sale for it, and those released and still unsold. */
async function takeBackNumbers(tx: Ctx, raffleId: string, orderId: string, numbers: number[]) {
  if (!numbers.length) return [];
  const { rows } = await sql<{ number: number }>`
    update raffle_ticket set status = 'sold', order_id = ${orderId}, held_until = null
    where org_id = ${tx.orgId} and raffle_id = ${raffleId} and number = any(${numbers})
      and ((status = 'held' and order_id = ${orderId}) or (status = 'available' and order_id is null))
    returning number`.execute(tx.db);
  return rows.map((r) => r.number).sort((a, b) => a - b);
}
