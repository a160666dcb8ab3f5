import { z } from 'zod';
import { recordAudit } from '../../core/audit/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import type {
  PaymentRefunded,
  PurposeRefunds,
  RefundAsked,
  RefundOptions,
} from '../../core/payments/index.ts';
import { moneyOfBill } from './bill-money.ts';
import { reduceBillIn } from './bill-reductions.ts';
import { type BillRefundStart, billRefundFailed } from './bill-refund-failed.ts';
import { getBill, voidBillIn } from './bills.ts';
import { ExhibitionErrors } from './exhibition.errors.ts';
import { publishBillOf } from './exhibition.hooks.ts';
import { type BillRefundChange, type BillRefundRefusal, billRefundable } from './exhibition.rules.ts';
import type { ExhibitionRuntime } from './exhibition.runtime.ts';
import { tellMoneyReturned } from './money-returned.ts';

const changeSchema = z.union([
  z.object({ bill: z.literal('void') }),
  z.object({ bill: z.literal('reduce'), toMinor: z.number().int().positive().max(1_000_000_000_000) }),
  z.object({ bill: z.undefined().optional() }),
]);

/** A bill refund's options as the module reads them (`{ bill: 'void' }`, `{ bill: 'reduce', toMinor }`, `{}`). */
export function billRefundChange(options: RefundOptions): BillRefundChange {
  const parsed = changeSchema.safeParse(options);
  if (!parsed.success) throw ExhibitionErrors.bill_refund_options_invalid({ field: 'options' });
  return parsed.data as BillRefundChange;
}

/** The error a refused bill refund answers. */
export function billRefundRefused(refusal: BillRefundRefusal, billId: string): Error {
  if (refusal === 'not_voided') return ExhibitionErrors.bill_not_voided({ id: billId });
  if (refusal === 'reduce_invalid') return ExhibitionErrors.bill_reduce_invalid({ field: 'options.toMinor' });
  return ExhibitionErrors.bill_nothing_to_refund({ id: billId });
}

/**
 * How much of a bill's money may go back with `change`, under the bill's payment lock (core holds it
 * while a refund is asked; `refundBill` takes it); refused in words when nothing may.
 */
export async function refundableOfBill(tx: Ctx, billId: string, change: BillRefundChange): Promise<number> {
  const bill = await getBill(tx, billId);
  const decided = billRefundable(bill, await moneyOfBill(tx, billId), change);
  if ('refusal' in decided) throw billRefundRefused(decided.refusal, bill.id);
  return decided.refundableMinor;
}

/** `asked`: the bill's money may go back (voided: all; reduced: the difference); nothing changes yet. */
async function billRefundAsked(tx: Ctx, event: RefundAsked): Promise<void> {
  const refundable = await refundableOfBill(tx, event.payment.purpose.id, billRefundChange(event.options));
  if (event.amount.amountMinor > refundable)
    throw ExhibitionErrors.bill_refund_too_much({ field: 'amount', refundableMinor: refundable });
}

/**
 * `started`: the refund goes ahead (at once, or approved by a second person): the bill is voided or
 * reduced as its options say (once, however many of its payments are refunded), with the refund's
 * reason, and its history says a refund started.
 */
async function billRefundStarted(tx: Ctx, rt: ExhibitionRuntime, event: PaymentRefunded): Promise<void> {
  const billId = event.payment.purpose.id;
  const change = billRefundChange(event.refund.options);
  const bill = await getBill(tx, billId);
  const reason = event.refund.reason;
  // What changes is kept in the history: a refund that fails for good undoes it (`billRefundFailed`).
  const start: BillRefundStart = { voided: false, reducedFromMinor: null };
  if (change.bill === 'void' && bill.status === 'active') {
    await voidBillIn(tx, rt, billId, { reason });
    start.voided = true;
  }
  if (change.bill === 'reduce') {
    const reduced = await reduceBillIn(tx, rt, billId, { toMinor: change.toMinor, reason });
    if (reduced.amountMinor < bill.amountMinor) start.reducedFromMinor = bill.amountMinor;
  }
  await recordAudit(tx, {
    action: 'exhibition.bill.refund_started',
    subject: { type: 'exhibition_bill', id: billId },
    after: { refundId: event.refund.id, amount: event.refund.amount, method: event.refund.method, ...start },
    meta: { reason },
  });
  await publishBillOf(tx, rt, billId);
}

/**
 * `settled`: the money is back: the bill's history shows it, the customer is told by e-mail in their
 * language (`exhibition.money_returned`), and the desk and the bill's page follow.
 */
async function billRefundSettled(tx: Ctx, rt: ExhibitionRuntime, event: PaymentRefunded): Promise<void> {
  const billId = event.payment.purpose.id;
  await recordAudit(tx, {
    action: 'exhibition.bill.money_returned',
    subject: { type: 'exhibition_bill', id: billId },
    after: { refundId: event.refund.id, amount: event.refund.amount, method: event.refund.method },
  });
  await tellMoneyReturned(tx, rt, await getBill(tx, billId), event.refund);
  await publishBillOf(tx, rt, billId);
}

/**
 * `rejected`: the second person turned it down. The bill never changed while it waited, so it stays;
 * only the screens that showed "refund awaiting approval" are told to read it again.
 */
async function billRefundRejected(tx: Ctx, rt: ExhibitionRuntime, event: PaymentRefunded): Promise<void> {
  await publishBillOf(tx, rt, event.payment.purpose.id);
}

/**
 * The refund contract of money taken for a bill (purpose `exhibition.bill`, DESIGN rule 7): core's
 * `POST /api/payments/{id}/refunds` and the module's `POST /api/exhibition/bills/{id}/refund` both
 * go through it, so the bill, the statement and the desk agree with the money; a provider refund that
 * fails for good gives the bill back what its start took (`billRefundFailed`).
 */
export const billRefunds: PurposeRefunds<ExhibitionRuntime> = {
  asked: (tx, _rt, event) => billRefundAsked(tx, event),
  started: billRefundStarted,
  settled: billRefundSettled,
  rejected: billRefundRejected,
  failed: billRefundFailed,
};
