import { recordAudit } from '../../core/audit/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import { type Money, money } from '../../core/money/index.ts';
import type {
  PaymentPurposeLabel,
  PaymentRefunded,
  PurposeRefunds,
  RefundAsked,
} from '../../core/payments/index.ts';
import { sql } from '../../platform/db/index.ts';
import { isUuid } from '../../platform/ids/index.ts';
import { CoffeeErrors } from './coffee.errors.ts';
import { COFFEE_TOPICS, type CoffeeRuntime } from './coffee.runtime.ts';
import type { CoffeeTables } from './coffee.tables.ts';

/** Payment purpose of a machine's sale taken back: `{ type: 'coffee.order', id: <order id> }`. */
export const ORDER_PURPOSE = 'coffee.order';

type SoldOrder = {
  id: string;
  total_minor: string;
  currency: string;
  payment_status: string;
  refunded_minor: string;
};

/** What the machine took for an order, in its currency. */
export function saleAmount(order: { total_minor: string; currency: string }): Money {
  return money(Number(order.total_minor), order.currency.trim());
}

/**
 * What went back of a sale: all of it once `refunded` (by staff, a failed vend or the original system),
 * else what part refunds gave back.
 */
export function saleRefunded(order: {
  total_minor: string;
  currency: string;
  payment_status: string;
  refunded_minor: string;
}): Money {
  const sale = saleAmount(order);
  if (order.payment_status === 'refunded') return sale;
  return money(Number(order.refunded_minor), sale.currency);
}

/** What is left to refund of a sale still sold: the sale less what went back. */
export function saleLeft(order: Parameters<typeof saleRefunded>[0]): Money {
  const sale = saleAmount(order);
  return money(sale.amountMinor - saleRefunded(order).amountMinor, sale.currency);
}

/**
 * The refund contract of a machine's sale (issue 62, DESIGN rule 7), run by core payments whichever
 * route asks (coffee's own, the original's manual_refund, the console's Refund, or core's
 * `POST /api/payments/{id}/refunds` on the order's payment):
 * - `asked`: only a sold order (`paid`), in its currency, and no more than is left of it (core refuses more
 *   than the payment has left before asking; the order's own count is the last word). Changes nothing.
 * - `started`: what went back grows (`refunded_minor`), and the takings net it; once all of the sale is
 *   back the order becomes `refunded` and leaves them. Only now, so an ops member's refund waiting for a
 *   second person leaves the sale as it was.
 * - `settled`: nobody to tell (a machine's buyer is no contact of ours); the order's pages refresh.
 * - `rejected`: nothing changes, the sale stays in the takings; the order's pages refresh.
 * A failed vend is not a refund of ours: the machine never kept the money, so it stores the order
 * `refunded` at once (`recordDeviceOrder`) with no payment, and no limit or second person applies.
 */
export const orderRefunds: PurposeRefunds<CoffeeRuntime> = {
  asked: (tx, _rt, event) => assertOrderRefundable(tx, event),
  started: markOrderRefunded,
  settled: (tx, rt, event) => rt.publish(tx, COFFEE_TOPICS.orders, event.payment.purpose.id),
  rejected: (tx, rt, event) => rt.publish(tx, COFFEE_TOPICS.orders, event.payment.purpose.id),
};

/** The order a payment of purpose `coffee.order` pays for. */
async function orderPaidBy(tx: Ctx, orderId: string): Promise<SoldOrder> {
  const order = isUuid(orderId)
    ? await tx.db
        .withTables<CoffeeTables>()
        .selectFrom('coffee_order')
        .select(['id', 'total_minor', 'currency', 'payment_status', 'refunded_minor'])
        .where('id', '=', orderId)
        .executeTakeFirst()
    : undefined;
  if (!order) throw CoffeeErrors.order_not_found({ id: orderId });
  return order;
}

/** `asked`: refuses an order not sold (refunded already, unpaid), another currency, more than is left. */
async function assertOrderRefundable(tx: Ctx, event: RefundAsked): Promise<void> {
  const order = await orderPaidBy(tx, event.payment.purpose.id);
  if (order.payment_status !== 'paid')
    throw CoffeeErrors.order_not_refundable({ id: order.id, paymentStatus: order.payment_status });
  const left = saleLeft(order);
  if (event.amount.currency !== left.currency || event.amount.amountMinor > left.amountMinor)
    throw CoffeeErrors.order_refund_above_left({ id: order.id, field: 'amount', left });
}

/**
 * `started`: what went back grows by the refund, and the takings net it; the refund that brings all of
 * the sale back marks the order `refunded` (out of the takings), with its reason, once. An order already
 * `refunded` stays as it is: a refund asked before issue 62 marked its order at once.
 */
async function markOrderRefunded(tx: Ctx, rt: CoffeeRuntime, { refund, payment }: PaymentRefunded) {
  const back = sql<number>`coffee_order.refunded_minor + ${refund.amount.amountMinor}`;
  const whole = sql<boolean>`${back} >= coffee_order.total_minor`;
  const order = await tx.db
    .withTables<CoffeeTables>()
    .updateTable('coffee_order')
    .set({
      refunded_minor: sql<number>`least(${back}, coffee_order.total_minor)`,
      payment_status: sql<'paid' | 'refunded'>`case when ${whole} then 'refunded' else 'paid' end`,
      refund_reason: sql<
        string | null
      >`case when ${whole} then ${refund.reason} else coffee_order.refund_reason end`,
      refunded_at: sql<Date | null>`case when ${whole} then ${tx.clock.now()}::timestamptz else coffee_order.refunded_at end`,
    })
    .where('id', '=', payment.purpose.id)
    .where('payment_status', '=', 'paid')
    .returning(['id', 'total_minor', 'currency', 'payment_status', 'refunded_minor'])
    .executeTakeFirst();
  if (!order) return;
  const wholeBack = order.payment_status === 'refunded';
  await recordAudit(tx, {
    action: wholeBack ? 'coffee.order.refunded' : 'coffee.order.refunded_part',
    subject: { type: 'coffee_order', id: order.id },
    // what the order's history shows; the meta keeps the original's reading (amountMinor) and the refund
    after: {
      reason: refund.reason,
      totalMinor: Number(order.total_minor),
      refundedMinor: Number(order.refunded_minor),
      currency: order.currency,
    },
    meta: {
      reason: refund.reason,
      amountMinor: wholeBack ? Number(order.total_minor) : refund.amount.amountMinor,
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
