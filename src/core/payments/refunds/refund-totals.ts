import type { Ctx } from '../../context/index.ts';
import { type Money, money } from '../../money/index.ts';
import type { Payment } from '../payment-view.ts';
import { holdsMoney, type RefundStatus } from './refunds.rules.ts';
import type { RefundTables } from './refunds.tables.ts';

/** What came in on a payment: the provider's amount when it reported another one (a mismatch), else ours. */
export function paidOf(payment: Payment): Money {
  return payment.providerAmount ?? payment.amount;
}

/** What a payment's refunds hold (waiting, out or paid back) and what was actually paid back. */
export async function refundTotals(
  ctx: Ctx,
  payment: Payment,
): Promise<{ paid: Money; held: Money; refunded: Money; left: Money }> {
  const rows = await ctx.db
    .withTables<RefundTables>()
    .selectFrom('payment_refund')
    .select(['status', 'amount_minor'])
    .where('payment_id', '=', payment.id)
    .execute();
  const paid = paidOf(payment);
  let held = 0;
  let refunded = 0;
  for (const row of rows) {
    if (holdsMoney(row.status as RefundStatus)) held += Number(row.amount_minor);
    if (row.status === 'succeeded') refunded += Number(row.amount_minor);
  }
  const currency = paid.currency;
  return {
    paid,
    held: money(held, currency),
    refunded: money(refunded, currency),
    left: money(Math.max(0, paid.amountMinor - held), currency),
  };
}
