import { recordAudit } from '../../core/audit/index.ts';
import { formatCode } from '../../core/codes/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import {
  lockPaymentPurpose,
  type PaymentPurposeLabel,
  type PaymentRefunded,
  type Refund,
  type RefundDeps,
  type RefundMethod,
  type RefundStaff,
  refundablePaymentsOf,
  refundWhatIsLeft,
} from '../../core/payments/index.ts';
import { sql } from '../../platform/db/index.ts';
import { isUuid } from '../../platform/ids/index.ts';
import { ExhibitionErrors } from './exhibition.errors.ts';
import type { ExhibitionTables } from './exhibition.tables.ts';

/** Payment purpose of money taken for a bill: `{ type: 'exhibition.bill', id: <bill id> }`. */
export const BILL_PURPOSE = 'exhibition.bill';

/** What money for a bill pays for, in words: "Bill 0042-ABCD, Booth 3 — coffee" on the customer. */
export async function billPurposeLabels(
  ctx: Ctx,
  ids: ReadonlyArray<string>,
): Promise<ReadonlyMap<string, PaymentPurposeLabel>> {
  const wanted = ids.filter(isUuid);
  if (!wanted.length) return new Map();
  const rows = await ctx.db
    .withTables<ExhibitionTables>()
    .selectFrom('exhibition_bill as b')
    .innerJoin('exhibition_customer as c', 'c.id', 'b.customer_id')
    .select(['b.id', 'b.description', 'c.id as customerId', 'c.code', 'c.name'])
    .where('b.id', 'in', wanted)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        key: 'exhibition.purpose.bill',
        params: { code: formatCode(r.code, 4), description: r.description || '-' },
        record: { resource: 'exhibition.customers', id: r.customerId },
        payer: r.name,
      },
    ]),
  );
}

/**
 * Gives back the money taken for a voided bill, through core payments' refund flow: what is left on
 * each of its payments (`refundablePaymentsOf`), with the void's reason unless staff give another, in
 * cash unless the money came through a provider that can send it back. Under the bill's payment lock.
 */
export async function refundVoidedBill(
  ctx: Ctx,
  deps: RefundDeps,
  input: { billId: string; reason?: string; method?: RefundMethod; staff: RefundStaff },
): Promise<Refund[]> {
  return inTransaction(ctx, async (tx) => {
    await lockPaymentPurpose(tx, { type: BILL_PURPOSE, id: input.billId });
    const bill = await tx.db
      .withTables<ExhibitionTables>()
      .selectFrom('exhibition_bill')
      .select(['id', 'status', 'void_reason', 'customer_id'])
      .where('id', '=', input.billId)
      .executeTakeFirst();
    if (!bill) throw ExhibitionErrors.bill_not_found({ id: input.billId });
    if (bill.status !== 'void') throw ExhibitionErrors.bill_not_voided({ id: bill.id });
    const reason = input.reason?.trim() || bill.void_reason || 'Bill voided';
    const refunds: Refund[] = [];
    for (const payment of await refundablePaymentsOf(tx, { type: BILL_PURPOSE, id: bill.id }))
      refunds.push(
        await refundWhatIsLeft(tx, payment, { reason, method: input.method, staff: input.staff }, deps),
      );
    if (refunds.length === 0) throw ExhibitionErrors.bill_nothing_to_refund({ id: bill.id });
    await recordAudit(tx, {
      action: 'exhibition.bill.refunded',
      subject: { type: 'exhibition_bill', id: bill.id },
      after: { refunds: refunds.map((r) => r.id), customerId: bill.customer_id },
      meta: { reason },
    });
    return refunds;
  });
}

/** Money paid back per bill of a customer (refunds that went back), for the statement. */
export async function refundedByBill(ctx: Ctx, customerId: string): Promise<Map<string, number>> {
  const { rows } = await sql<{ bill_id: string; refunded: string }>`
    select p.purpose_id as bill_id, sum(r.amount_minor) as refunded
    from v_payments_refund r
    join v_payments_payment p on p.org_id = r.org_id and p.id = r.payment_id
    join exhibition_bill b on b.org_id = p.org_id and b.id::text = p.purpose_id
    where r.org_id = ${ctx.orgId} and r.status = 'succeeded' and p.purpose_type = ${BILL_PURPOSE}
      and b.customer_id = ${customerId}
    group by p.purpose_id`.execute(ctx.db);
  return new Map(rows.map((r) => [r.bill_id, Number(r.refunded)]));
}

/** `refunds['exhibition.bill'].settled`: the bill's history shows the money that went back. */
export async function recordBillRefund(tx: Ctx, event: PaymentRefunded): Promise<void> {
  await recordAudit(tx, {
    action: 'exhibition.bill.money_returned',
    subject: { type: 'exhibition_bill', id: event.payment.purpose.id },
    after: { refundId: event.refund.id, amount: event.refund.amount, method: event.refund.method },
  });
}
