import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { formatMoney } from '../../core/money/index.ts';
import {
  findPayment,
  lockPaymentPurpose,
  type PaymentRefunded,
  type Refund,
  type RefundDeps,
  type RefundMethod,
  type RefundStaff,
  refundWhatIsLeft,
} from '../../core/payments/index.ts';
import { sql } from '../../platform/db/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { getOrder, type OrderView, orders, toOrderView } from './order-view.ts';
import { ORDER_PURPOSE } from './orders.ts';
import { RaffleErrors } from './raffle.errors.ts';
import { notifyBuyer, numberList } from './raffle.notifications.ts';
import type { RaffleTables } from './raffle.tables.ts';

/** What becomes of a refunded order's numbers: back on sale, or held off sale (staff choose). */
export type RefundedTickets = 'release' | 'hold';

/** A held-off-sale number's hold: never runs out by itself, and a held number is never drawn. */
const HELD_OFF_SALE = new Date('9999-12-31T00:00:00Z');

export interface OrderRefundInput {
  orderId: string;
  reason: string;
  tickets: RefundedTickets;
  staff: RefundStaff;
  /** Cash, or the provider the buyer paid through (the default when it can send refunds). */
  method?: RefundMethod;
}

/**
 * Cancels a paid order and gives its money back through core payments' one refund flow, in one
 * transaction under the order's payment lock (the purpose lock core payments takes, then the order):
 * the refund of what is left on its payment (it may wait for a second person: the order is cancelled
 * all the same and the refund shows on the refunds list), the order cancelled, its numbers back on
 * sale or held off sale. The buyer is told when the money has gone back (`tellOrderRefunded`).
 */
export async function refundPaidOrder(
  ctx: Ctx,
  deps: RefundDeps,
  input: OrderRefundInput,
): Promise<{ order: OrderView; refund: Refund; numbers: number[] }> {
  return inTransaction(ctx, async (tx) => {
    await lockPaymentPurpose(tx, { type: ORDER_PURPOSE, id: input.orderId });
    const order = await orders(tx).selectAll().where('id', '=', input.orderId).forUpdate().executeTakeFirst();
    if (!order) throw RaffleErrors.order_not_found({ orderId: input.orderId });
    if (order.status !== 'paid' || !order.payment_id)
      throw RaffleErrors.order_not_paid({ orderId: order.id, status: order.status });
    const payment = await findPayment(tx, order.payment_id);
    if (!payment) throw RaffleErrors.order_not_paid({ orderId: order.id });
    const refund = await refundWhatIsLeft(
      tx,
      payment,
      { reason: input.reason, method: input.method, staff: input.staff },
      deps,
    );
    const now = tx.clock.now();
    const cancelled = await tx.db
      .withTables<RaffleTables>()
      .updateTable('raffle_order')
      .set({ status: 'cancelled', cancelled_at: now, updated_at: now })
      .where('id', '=', order.id)
      .where('status', '=', 'paid')
      .returningAll()
      .executeTakeFirstOrThrow();
    const numbers = await settleTickets(tx, order.raffle_id, order.id, input.tickets);
    const view = toOrderView(cancelled, now);
    await recordAudit(tx, {
      action: 'raffle.order.refunded',
      subject: { type: 'raffle_order', id: order.id },
      before: { status: 'paid' },
      after: view,
      meta: {
        refundId: refund.id,
        refundStatus: refund.status,
        tickets: input.tickets,
        numbers,
        reason: input.reason,
      },
    });
    return { order: await getOrder(tx, order.id), refund, numbers };
  });
}

/** The order's sold numbers go back on sale, or stay off sale held by the cancelled order. */
async function settleTickets(tx: Ctx, raffleId: string, orderId: string, tickets: RefundedTickets) {
  const { rows } =
    tickets === 'release'
      ? await sql<{ number: number }>`
          update raffle_ticket set status = 'available', order_id = null, held_until = null
          where org_id = ${tx.orgId} and raffle_id = ${raffleId} and order_id = ${orderId} and status = 'sold'
          returning number`.execute(tx.db)
      : await sql<{ number: number }>`
          update raffle_ticket set status = 'held', held_until = ${HELD_OFF_SALE}
          where org_id = ${tx.orgId} and raffle_id = ${raffleId} and order_id = ${orderId} and status = 'sold'
          returning number`.execute(tx.db);
  return rows.map((r) => r.number).sort((a, b) => a - b);
}

/**
 * `refunds['raffle.order'].settled`: the buyer is told on WhatsApp, in their language, that money went
 * back for their order (how much, how, why); once per refund.
 */
export async function tellOrderRefunded(
  tx: Ctx,
  rt: { jobs: JobQueue },
  event: PaymentRefunded,
): Promise<void> {
  const order = await orders(tx)
    .select(['id', 'raffle_id', 'buyer_id', 'numbers'])
    .where('id', '=', event.payment.purpose.id)
    .executeTakeFirst();
  if (!order) return;
  const db = tx.db.withTables<RaffleTables>();
  const raffle = await db
    .selectFrom('raffle_raffle')
    .select('title')
    .where('id', '=', order.raffle_id)
    .executeTakeFirstOrThrow();
  const buyer = await db
    .selectFrom('raffle_buyer')
    .select('language')
    .where('id', '=', order.buyer_id)
    .executeTakeFirst();
  await notifyBuyer(tx, rt.jobs, {
    buyerId: order.buyer_id,
    template: 'raffle.order_refunded',
    data: {
      raffle: raffle.title,
      numbers: numberList(order.numbers),
      amount: formatMoney(event.refund.amount, buyer?.language ?? 'en'),
      reason: event.refund.reason,
    },
    key: `raffle.order_refunded:${event.refund.id}`,
    orderId: order.id,
  });
}
