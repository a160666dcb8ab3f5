import type { Ctx } from '../../core/context/index.ts';
import { money } from '../../core/money/index.ts';
import {
  listPayments,
  type PaymentPurposeLabel,
  type Refund,
  recordManualPayment,
  refundWhatIsLeft,
} from '../../core/payments/index.ts';
import { isUuid } from '../../platform/ids/index.ts';
import type { CoffeeRuntime } from './coffee.runtime.ts';
import type { CoffeeTables } from './coffee.tables.ts';

/** Payment purpose of a machine's sale taken back: `{ type: 'coffee.order', id: <order id> }`. */
export const ORDER_PURPOSE = 'coffee.order';

/**
 * Records a refund of a machine's sale in core payments (issue 53), in the caller's transaction: the
 * sale the machine took (card, wallet, corporate or cash at the machine) stands as a recorded payment of
 * the order, and the money going back as a refund of it with the reason: the refunds list, its CSV, the
 * receipt and the two-person rule then cover a coffee refund as any other. The order's own
 * `payment_status` already keeps it out of the machine's and merchant's takings.
 */
export async function recordOrderRefund(
  tx: Ctx,
  rt: CoffeeRuntime,
  order: { id: string; total_minor: string; currency: string; payment_method: string },
  reason: string,
): Promise<Refund | null> {
  const amount = money(Number(order.total_minor), order.currency.trim());
  if (amount.amountMinor <= 0) return null;
  const prior = await listPayments(tx, { purposeType: ORDER_PURPOSE, purposeId: order.id, limit: 1 });
  const payment =
    prior.items[0] ??
    (await recordManualPayment(tx, {
      amount,
      purpose: { type: ORDER_PURPOSE, id: order.id },
      kind: order.payment_method === 'cash' ? 'cash' : 'other',
      note: `Sold by the machine (${order.payment_method})`,
    }));
  return refundWhatIsLeft(
    tx,
    payment,
    { amount, method: 'cash', reason },
    { jobs: rt.jobs, providers: rt.deps.declared.paymentProviders() },
  );
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
