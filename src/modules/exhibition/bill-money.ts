import type { Ctx } from '../../core/context/index.ts';
import { refundHoldsMoneySql } from '../../core/payments/index.ts';
import { sql } from '../../platform/db/index.ts';
import { type BillView, getBill, listCustomerBills } from './bills.ts';
import { getCustomer } from './customers.ts';
import { type BillMoney, billDueMinor, NO_BILL_MONEY } from './exhibition.rules.ts';

/** Payment purpose of money taken for a bill: `{ type: 'exhibition.bill', id: <bill id> }`. */
export const BILL_PURPOSE = 'exhibition.bill';

/** Which bills: a customer's whole tab, or some bills by id. */
export type BillsOf = { customerId: string } | { billIds: ReadonlyArray<string> };

const whichBills = (of: BillsOf) =>
  'customerId' in of
    ? sql`b.customer_id = ${of.customerId}::uuid`
    : sql`b.id = any(${[...of.billIds]}::uuid[])`;

/**
 * The money of each bill (`BillMoney`), read from core payments' public views (`v_payments_payment`,
 * `v_payments_refund`): what was taken, what the payer is asked for, what went back, is going back
 * or waits for approval. A payment the provider settled for another amount (`mismatch`) is staff's
 * to resolve on the payment's page and counts neither way. Bills without money are left out.
 */
export async function moneyOfBills(ctx: Ctx, of: BillsOf): Promise<Map<string, BillMoney>> {
  // Raw SQL is not org-scoped by the data layer: the org filter is written here.
  const { rows } = await sql<{
    bill_id: string;
    paid: string;
    pending: string;
    refunded: string;
    returning: string;
    awaiting: string;
  }>`
    with pay as (
      select p.id, p.purpose_id, p.status, p.amount_minor
      from v_payments_payment p
      join exhibition_bill b on b.org_id = p.org_id and b.id::text = p.purpose_id
      where p.org_id = ${ctx.orgId} and p.purpose_type = ${BILL_PURPOSE} and ${whichBills(of)}
    ), back as (
      select pay.purpose_id,
        coalesce(sum(r.amount_minor) filter (where r.status = 'succeeded'), 0) as refunded,
        coalesce(sum(r.amount_minor) filter (where ${refundHoldsMoneySql('r.status', { approved: true, back: false })}), 0) as returning,
        coalesce(sum(r.amount_minor) filter (where r.status = 'awaiting_approval'), 0) as awaiting
      from v_payments_refund r join pay on pay.id = r.payment_id
      where r.org_id = ${ctx.orgId} and pay.status in ('recorded', 'verified', 'succeeded')
      group by pay.purpose_id
    )
    select pay.purpose_id as bill_id,
      coalesce(sum(pay.amount_minor) filter (where pay.status in ('recorded', 'verified', 'succeeded')), 0) as paid,
      coalesce(sum(pay.amount_minor) filter (where pay.status in ('submitted', 'pending', 'ambiguous')), 0) as pending,
      coalesce(max(back.refunded), 0) as refunded,
      coalesce(max(back.returning), 0) as returning,
      coalesce(max(back.awaiting), 0) as awaiting
    from pay left join back on back.purpose_id = pay.purpose_id
    group by pay.purpose_id`.execute(ctx.db);
  return new Map(
    rows.map((r) => [
      r.bill_id,
      {
        paidMinor: Number(r.paid),
        pendingMinor: Number(r.pending),
        refundedMinor: Number(r.refunded),
        returningMinor: Number(r.returning),
        awaitingMinor: Number(r.awaiting),
      },
    ]),
  );
}

/** One bill's money (nothing taken yet: all zero). */
export async function moneyOfBill(ctx: Ctx, billId: string): Promise<BillMoney> {
  return (await moneyOfBills(ctx, { billIds: [billId] })).get(billId) ?? NO_BILL_MONEY;
}

/** A bill's money as its pages show it: `BillMoney` and what is left to pay. */
export type BillMoneyView = BillMoney & { dueMinor: number };

/** Bills with their money (`moneyOfBills`), as the desk's tab and a bill's page show them. */
export async function billsWithMoney(
  ctx: Ctx,
  bills: BillView[],
): Promise<Array<BillView & { money: BillMoneyView }>> {
  const byBill = bills.length ? await moneyOfBills(ctx, { billIds: bills.map((b) => b.id) }) : new Map();
  return bills.map((bill) => {
    const m: BillMoney = byBill.get(bill.id) ?? NO_BILL_MONEY;
    return { ...bill, money: { ...m, dueMinor: billDueMinor(bill, m) } };
  });
}

/** A customer's bills, oldest first, with their money (`customer_not_found` for a customer not there). */
export async function tabBillsWithMoney(ctx: Ctx, customerId: string) {
  await getCustomer(ctx, customerId);
  return billsWithMoney(ctx, await listCustomerBills(ctx, customerId));
}

/** One bill with its money (`bill_not_found`). */
export async function billWithMoney(ctx: Ctx, id: string) {
  return (await billsWithMoney(ctx, [await getBill(ctx, id)]))[0]!;
}
