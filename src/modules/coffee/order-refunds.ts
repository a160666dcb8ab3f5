import { recordAudit } from '../../core/audit/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import { type Money, money } from '../../core/money/index.ts';
import type {
  PaymentPurposeLabel,
  PaymentRefunded,
  PurposeRefunds,
  RefundAsked,
} from '../../core/payments/index.ts';
import { isUuid } from '../../platform/ids/index.ts';
import { CoffeeErrors } from './coffee.errors.ts';
import { COFFEE_TOPICS, type CoffeeRuntime } from './coffee.runtime.ts';
import type { CoffeeTables } from './coffee.tables.ts';

/** Payment purpose of a machine's sale taken back: `{ type: 'coffee.order', id: <order id> }`. */
export const ORDER_PURPOSE = 'coffee.order';

type SoldOrder = { id: string; total_minor: string; currency: string; payment_status: string };

/** What the machine took for an order, in its currency. */
export function saleAmount(order: { total_minor: string; currency: string }): Money {
  return money(Number(order.total_minor), order.currency.trim());
}

/**
 * The refund contract of a machine's sale (issue 62, DESIGN rule 7), run by core payments whichever
 * route asks (coffee's own, the original's manual_refund, the console's Refund, or core's
 * `POST /api/payments/{id}/refunds` on the order's payment):
 * - `asked`: only a sold order (`paid`), and only whole: the order has no "partly refunded" state, so a
 *   part would either stay in the takings or leave them all. Changes nothing.
 * - `started`: the order becomes `refunded` and so leaves the fleet's, merchant's and machine's
 *   takings; only now, so an ops member's refund waiting for a second person leaves the sale sold.
 * - `settled`: nobody to tell (a machine's buyer is no contact of ours); the order's pages refresh.
 * - `rejected`: nothing changes, the sale stays in the takings; the order's pages refresh.
 * A failed vend is not a refund of ours: the machine never kept the money, so it stores the order
 * `refunded` at once (`recordDeviceOrder`) with no payment, and no limit or second person applies.
 */
export const orderRefunds: PurposeRefunds<CoffeeRuntime> = {
  asked: (_rt, tx, event) => assertOrderRefundable(tx, event),
  started: (rt, tx, event) => markOrderRefunded(tx, rt, event),
  settled: (rt, tx, event) => rt.publish(tx, COFFEE_TOPICS.orders, event.payment.purpose.id),
  rejected: (rt, tx, event) => rt.publish(tx, COFFEE_TOPICS.orders, event.payment.purpose.id),
};

/** The order a payment of purpose `coffee.order` pays for. */
async function orderPaidBy(tx: Ctx, orderId: string): Promise<SoldOrder> {
  const order = isUuid(orderId)
    ? await tx.db
        .withTables<CoffeeTables>()
        .selectFrom('coffee_order')
        .select(['id', 'total_minor', 'currency', 'payment_status'])
        .where('id', '=', orderId)
        .executeTakeFirst()
    : undefined;
  if (!order) throw CoffeeErrors.order_not_found({ id: orderId });
  return order;
}

/** `asked`: refuses an order not sold (refunded already, unpaid) and a part of a sale. */
async function assertOrderRefundable(tx: Ctx, event: RefundAsked): Promise<void> {
  const order = await orderPaidBy(tx, event.payment.purpose.id);
  if (order.payment_status !== 'paid')
    throw CoffeeErrors.order_not_refundable({ id: order.id, paymentStatus: order.payment_status });
  const sale = saleAmount(order);
  if (event.amount.amountMinor !== sale.amountMinor || event.amount.currency !== sale.currency)
    throw CoffeeErrors.order_refund_whole({ id: order.id, field: 'amount', sale });
}

/**
 * `started`: the sale is refunded and leaves the takings, with the refund's reason, once. An order
 * already `refunded` stays as it is: a refund asked before issue 62 marked its order at once.
 */
async function markOrderRefunded(tx: Ctx, rt: CoffeeRuntime, { refund, payment }: PaymentRefunded) {
  const order = await tx.db
    .withTables<CoffeeTables>()
    .updateTable('coffee_order')
    .set({ payment_status: 'refunded', refund_reason: refund.reason, refunded_at: tx.clock.now() })
    .where('id', '=', payment.purpose.id)
    .where('payment_status', '=', 'paid')
    .returning(['id', 'total_minor', 'currency'])
    .executeTakeFirst();
  if (!order) return;
  await recordAudit(tx, {
    action: 'coffee.order.refunded',
    subject: { type: 'coffee_order', id: order.id },
    // what the order's history shows; the meta keeps the original's reading (amountMinor) and the refund
    after: { reason: refund.reason, totalMinor: Number(order.total_minor), currency: order.currency },
    meta: {
      reason: refund.reason,
      amountMinor: Number(order.total_minor),
      currency: order.currency,
      refundId: refund.id,
    },
  });
  await rt.publish(tx, COFFEE_TOPICS.orders, order.id);
}

/** What a coffee order's payment pays for, in words: "Order <device order id>" on its device. */
export async function orderPurposeLabels(
  ctx: Ctx,
  ids: ReadonlyArray<string>,
): Promise<ReadonlyMap<string, PaymentPurposeLabel>> {
  const wanted = ids.filter(isUuid);
  if (!wanted.length) return new Map();
  const rows = await ctx.db
    .withTables<CoffeeTables>()
    .selectFrom('coffee_order')
    .select(['id', 'device_order_id', 'device_id'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        key: 'coffee.purpose.order',
        params: { order: r.device_order_id },
        record: { resource: 'coffee.orders', id: r.id },
      },
    ]),
  );
}
