import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { recordAudit } from '../../core/audit/index.ts';
import { formatCode } from '../../core/codes/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { money } from '../../core/money/index.ts';
import {
  defaultRefundMethod,
  lockPaymentPurpose,
  PAYER_SEARCH_LIMIT,
  type PaymentPurposeLabel,
  payerWordPattern,
  type Refund,
  type RefundDeps,
  type RefundMethod,
  type RefundStaff,
  refundablePaymentsOf,
  refundTotals,
  requestRefund,
} from '../../core/payments/index.ts';
import { isUuid } from '../../platform/ids/index.ts';
import { BILL_PURPOSE } from './bill-money.ts';
import { refundableOfBill } from './bill-refund-contract.ts';
import { getBill } from './bills.ts';
import { ExhibitionErrors } from './exhibition.errors.ts';
import type { BillRefundChange } from './exhibition.rules.ts';
import type { ExhibitionTables } from './exhibition.tables.ts';

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
    .select(['b.id', 'b.description', 'c.id as customerId', 'c.code', 'c.name', 'c.phone'])
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
        ...(r.phone ? { phone: r.phone } : {}),
      },
    ]),
  );
}

export interface BillRefundInput {
  billId: string;
  /** What the refund does to the bill (kept on each refund for an approval later); `{}` once void. */
  change: BillRefundChange;
  /** Default: all that may go back (`billRefundable`). */
  amountMinor?: number;
  /** Default: the void's reason for a voided bill; required when the refund voids or reduces it. */
  reason?: string;
  /** Default per payment: back through the provider it came by when it can send refunds, else cash. */
  method?: RefundMethod;
  staff: RefundStaff;
  /** The caller's own form of the request's Idempotency-Key (`callerKey`). */
  idempotencyKey?: string | null;
}

/**
 * Gives back money taken for a bill through core payments' one refund path (issue 62): what may go
 * back after `change` (a voided bill: all; a reduced one: the difference), spread over the bill's
 * payments newest first. Each refund runs the bill's refund contract (`billRefunds`): within the
 * asker's limit the bill is voided or reduced at once, above it nothing changes until a second person
 * approves. Under the bill's payment lock; with a key, a retry answers the same refunds.
 */
export async function refundBill(ctx: Ctx, deps: RefundDeps, input: BillRefundInput): Promise<Refund[]> {
  return inTransaction(ctx, async (tx) => {
    await lockPaymentPurpose(tx, { type: BILL_PURPOSE, id: input.billId });
    const bill = await getBill(tx, input.billId);
    const refundable = await refundableOfBill(tx, bill.id, input.change);
    const asked = input.amountMinor ?? refundable;
    if (asked > refundable)
      throw ExhibitionErrors.bill_refund_too_much({ field: 'amountMinor', refundableMinor: refundable });
    const reason = input.reason?.trim() || (bill.status === 'void' && bill.voidReason) || '';
    const refunds: Refund[] = [];
    let rest = asked;
    for (const payment of await refundablePaymentsOf(tx, { type: BILL_PURPOSE, id: bill.id })) {
      // A payment settled for another amount (mismatch) is resolved on its own page, not here.
      if (rest <= 0 || payment.status === 'mismatch') continue;
      const { left } = await refundTotals(tx, payment);
      const share = Math.min(rest, left.amountMinor);
      const { refund } = await requestRefund(tx, deps, {
        paymentId: payment.id,
        amount: money(share, left.currency),
        method: input.method ?? defaultRefundMethod(payment, money(share, left.currency), deps),
        reason,
        staff: input.staff,
        idempotencyKey: input.idempotencyKey ? keyOf(input.idempotencyKey, payment.id) : null,
        options: { ...input.change },
      });
      refunds.push(refund);
      rest -= share;
    }
    if (refunds.length === 0) throw ExhibitionErrors.bill_nothing_to_refund({ id: bill.id });
    await recordAudit(tx, {
      action: 'exhibition.bill.refunded',
      subject: { type: 'exhibition_bill', id: bill.id },
      // One payment per bill is the desk's way: its refund is named; more (payments made by hand) are counted.
      after: { refundId: refunds[0]!.id, count: refunds.length, amount: money(asked, bill.currency) },
      meta: { reason },
    });
    return refunds;
  });
}

/** One refund's key of a request's key: each of the bill's payments gets its own, the same on a retry. */
const keyOf = (key: string, paymentId: string) =>
  createHash('sha256').update(`${key}\u0000${paymentId}`).digest('base64url');

/** The bills whose customer's name, code or phone holds a word typed in the payments list's search. */
export async function billIdsOfPayer(ctx: Ctx, word: string): Promise<string[]> {
  const rows = await ctx.db
    .withTables<ExhibitionTables>()
    .selectFrom('exhibition_bill as b')
    .innerJoin('exhibition_customer as c', 'c.id', 'b.customer_id')
    .select('b.id')
    .where('b.org_id', '=', ctx.orgId)
    .where(sql<boolean>`concat_ws(' ', c.name, c.code, c.phone) ilike ${payerWordPattern(word)}`)
    .limit(PAYER_SEARCH_LIMIT)
    .execute();
  return rows.map((r) => r.id);
}
