import { type Ctx, inTransaction, lockObjects } from '../../core/context/index.ts';
import { type Money, money } from '../../core/money/index.ts';
import {
  listPayments,
  type Payment,
  type Refund,
  recordManualPayment,
  refundsOfPayment,
  requestRefund,
} from '../../core/payments/index.ts';
import { isUuid } from '../../platform/ids/index.ts';
import { CoffeeErrors } from './coffee.errors.ts';
import type { CoffeeRuntime } from './coffee.runtime.ts';
import type { CoffeeTables } from './coffee.tables.ts';
import { ORDER_PURPOSE, saleAmount, saleLeft, saleRefunded } from './order-refunds.ts';

type OrderRow = NonNullable<Awaited<ReturnType<typeof findOrder>>>;

export interface OrderRefundAnswer {
  /** The order after the ask: still `paid` while the refund waits for a second person. */
  order: OrderRow;
  /** The refund asked now (or, under the same Idempotency-Key, before); null for an order already refunded. */
  refund: Refund | null;
  /** Whether this ask refunded the order (it went ahead within the asker's limit). */
  refundedNow: boolean;
}

/**
 * Staff refund a machine's sale, all of what is left or a part of it (`amount`), with a reason (coffee's
 * route, the original's manual_refund, the console's Refund). The sale stands as a payment of the order
 * (recorded the first time, issue 53) and the money goes back through core payments' one refund flow, so
 * the order changes only as its contract says (`orderRefunds`): at once within the asker's limit, else
 * when a second person approves; it becomes `refunded` once all of the sale is back. Under the order's
 * purpose lock (the one core takes for its payments), so two asks make one payment. An order already
 * refunded answers as it is and refunds nothing (a retry without a key); one whose refund waits for
 * approval is refused (`order_refund_waiting`); an amount in another currency or above what is left is
 * refused naming `amount`.
 */
export async function refundOrder(
  ctx: Ctx,
  rt: CoffeeRuntime,
  input: { orderId: string; reason: string; amount?: Money; idempotencyKey?: string | null },
): Promise<OrderRefundAnswer> {
  return inTransaction(ctx, async (tx) => {
    await lockObjects(tx, [{ type: ORDER_PURPOSE, id: input.orderId }]);
    const order = await findOrder(tx, input.orderId);
    if (!order) throw CoffeeErrors.order_not_found({ id: input.orderId });
    if (order.payment_status === 'refunded') return { order, refund: null, refundedNow: false };
    const left = saleLeft(order);
    if (order.payment_status !== 'paid' || left.amountMinor <= 0)
      throw CoffeeErrors.order_not_refundable({ id: order.id, paymentStatus: order.payment_status });
    const payment = await salePayment(tx, order);
    const amount = refundAmount(input.amount, left, order.id);
    const { refund, created } = await requestRefund(tx, rt.deps, {
      paymentId: payment.id,
      amount,
      method: 'cash',
      reason: input.reason,
      idempotencyKey: input.idempotencyKey ?? null,
    });
    const after = (await findOrder(tx, order.id)) ?? order;
    return { order: after, refund, refundedNow: created && after.payment_status === 'refunded' };
  });
}

/** The amount asked, in the sale's currency and within what is left of it; none asked is all that is left. */
function refundAmount(asked: Money | undefined, left: Money, orderId: string): Money {
  if (!asked) return left;
  if (asked.currency !== left.currency)
    throw CoffeeErrors.order_refund_currency({ id: orderId, field: 'amount', currency: left.currency });
  if (asked.amountMinor > left.amountMinor)
    throw CoffeeErrors.order_refund_above_left({ id: orderId, field: 'amount', left });
  return asked;
}

/**
 * The payment the machine's sale stands as: the one recorded for an earlier refund, else recorded now
 * (the machine took card, wallet, corporate or cash). A refund of it waiting for a second person refuses
 * another ask: approve or reject that one.
 */
async function salePayment(tx: Ctx, order: OrderRow): Promise<Payment> {
  const prior = await listPayments(tx, { purposeType: ORDER_PURPOSE, purposeId: order.id, limit: 1 });
  const payment = prior.items[0];
  if (!payment)
    return recordManualPayment(tx, {
      amount: saleAmount(order),
      purpose: { type: ORDER_PURPOSE, id: order.id },
      kind: order.payment_method === 'cash' ? 'cash' : 'other',
      note: `Sold by the machine (${order.payment_method})`,
    });
  if ((await refundsOfPayment(tx, payment.id)).some((r) => r.status === 'awaiting_approval'))
    throw CoffeeErrors.order_refund_waiting({ id: order.id, paymentId: payment.id });
  return payment;
}

/** What the order's page shows of its refunds: the sale, whether it may be refunded, each refund asked. */
export async function orderRefundState(ctx: Ctx, orderId: string) {
  const order = await findOrder(ctx, orderId);
  if (!order) throw CoffeeErrors.order_not_found({ id: orderId });
  const { items: payments } = await listPayments(ctx, {
    purposeType: ORDER_PURPOSE,
    purposeId: order.id,
    limit: 5,
  });
  const refunds = (await Promise.all(payments.map((p) => refundsOfPayment(ctx, p.id)))).flat();
  const waiting = refunds.some((r) => r.status === 'awaiting_approval');
  const sale = saleAmount(order);
  const left = order.payment_status === 'paid' ? saleLeft(order) : money(0, sale.currency);
  return {
    paymentStatus: order.payment_status,
    vendStatus: order.vend_status,
    sale,
    refunded: saleRefunded(order),
    left,
    refundable: left.amountMinor > 0 && !waiting,
    waiting,
    refundReason: order.refund_reason,
    refundedAt: order.refunded_at?.toISOString() ?? null,
    paymentId: payments[0]?.id ?? null,
    refunds: refunds.map((r) => ({
      id: r.id,
      status: r.status,
      amount: r.amount,
      reason: r.reason,
      rejectionReason: r.rejectionReason,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

async function findOrder(ctx: Ctx, orderId: string) {
  if (!isUuid(orderId)) return undefined;
  return ctx.db
    .withTables<CoffeeTables>()
    .selectFrom('coffee_order')
    .selectAll()
    .where('id', '=', orderId)
    .executeTakeFirst();
}
