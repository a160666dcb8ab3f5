import { createHash } from 'node:crypto';
import { recordAudit } from '../../core/audit/index.ts';
import { phoneReaderOf } from '../../core/contacts/index.ts';
import { type Ctx, inTransaction, lockObjects } from '../../core/context/index.ts';
import { money } from '../../core/money/index.ts';
import {
  type Payment,
  type PaymentDeps,
  recordManualPayment,
  requestMobileMoneyPayment,
} from '../../core/payments/index.ts';
import { BILL_PURPOSE, moneyOfBills } from './bill-money.ts';
import { getCustomer } from './customers.ts';
import { ExhibitionErrors } from './exhibition.errors.ts';
import { billDueMinor, NO_BILL_MONEY, type TabPaymentMethod } from './exhibition.rules.ts';
import { EXHIBITION_TOPICS, type ExhibitionRuntime } from './exhibition.runtime.ts';
import type { ExhibitionTables } from './exhibition.tables.ts';

export interface TabPaymentInput {
  customerId: string;
  method: TabPaymentMethod;
  /** Only these bills of the tab (a bill's page); the whole tab when left out. */
  billIds?: ReadonlyArray<string>;
  /** The payer's phone for mobile money, as staff type it; the customer's own when left out. */
  msisdn?: string;
  /** The caller's own form of the request's Idempotency-Key (`callerKey`). */
  idempotencyKey?: string | null;
}

export interface TabPaymentDeps extends PaymentDeps {
  publish: ExhibitionRuntime['publish'];
}

/**
 * Takes payment at the desk for what a customer's tab still owes (issue 62): one core payment of
 * purpose `exhibition.bill` per bill with something due, so each bill's money can go back on its own
 * and its page says what was paid. Cash is recorded settled at once; mobile money asks the payer once
 * per bill (each prompt names the bill) and settles when the provider says. Under the bills' payment
 * locks (core's canonical order, before any row) and their rows: two desks taking one tab at once
 * charge it once, a bill voided meanwhile waits, and a payer already asked is not asked again.
 */
export async function takeTabPayment(
  ctx: Ctx,
  deps: TabPaymentDeps,
  input: TabPaymentInput,
): Promise<Payment[]> {
  return inTransaction(ctx, async (tx) => {
    const customer = await getCustomer(tx, input.customerId);
    if (customer.mergedIntoId) throw ExhibitionErrors.customer_merged({ id: customer.id });
    const bills = await lockOpenBills(tx, customer.id, input.billIds);
    const moneyByBill = await moneyOfBills(tx, { billIds: bills.map((b) => b.id) });
    const msisdn =
      input.method === 'cash' ? '' : await payerPhone(tx, input.msisdn?.trim() || customer.phone);
    const payments: Payment[] = [];
    for (const bill of bills) {
      const due = billDueMinor(bill, moneyByBill.get(bill.id) ?? NO_BILL_MONEY);
      if (due <= 0) continue;
      const purpose = { type: BILL_PURPOSE, id: bill.id };
      const amount = money(due, bill.currency);
      const idempotencyKey = input.idempotencyKey ? keyOf(input.idempotencyKey, bill.id) : null;
      payments.push(
        input.method === 'cash'
          ? await recordManualPayment(tx, { amount, purpose, kind: 'cash', idempotencyKey })
          : await requestMobileMoneyPayment(tx, deps, {
              provider: input.method,
              amount,
              msisdn,
              purpose,
              payerMessage: bill.label,
              idempotencyKey,
            }),
      );
    }
    if (payments.length === 0) throw ExhibitionErrors.tab_nothing_due({ id: customer.id });
    await recordAudit(tx, {
      action: 'exhibition.customer.payment_taken',
      subject: { type: 'exhibition_customer', id: customer.id },
      after: {
        method: input.method,
        count: payments.length,
        amountMinor: payments.reduce((n, p) => n + p.amount.amountMinor, 0),
      },
    });
    await deps.publish(tx, EXHIBITION_TOPICS.bills, customer.id);
    return payments;
  });
}

interface OpenBill {
  id: string;
  status: 'active' | 'void';
  amountMinor: number;
  currency: string;
  /** What the payer's prompt says the money is for. */
  label: string;
}

/**
 * The customer's active bills (or those of `billIds`), locked: their payment locks in one call, then
 * their rows, oldest first. A bill of another customer among `billIds` is `bill_not_found`.
 */
async function lockOpenBills(
  tx: Ctx,
  customerId: string,
  billIds: ReadonlyArray<string> | undefined,
): Promise<OpenBill[]> {
  const db = tx.db.withTables<ExhibitionTables>();
  let ids = db.selectFrom('exhibition_bill').select('id').where('customer_id', '=', customerId);
  if (billIds?.length) ids = ids.where('id', 'in', [...billIds]);
  const found = (await ids.execute()).map((r) => r.id);
  const missing = billIds?.find((id) => !found.includes(id));
  if (missing) throw ExhibitionErrors.bill_not_found({ id: missing });
  if (found.length === 0) return [];
  await lockObjects(
    tx,
    found.map((id) => ({ type: BILL_PURPOSE, id })),
  );
  const rows = await db
    .selectFrom('exhibition_bill as b')
    .innerJoin('exhibition_booth as bo', 'bo.id', 'b.booth_id')
    .select(['b.id', 'b.status', 'b.amount_minor', 'b.currency', 'b.description', 'bo.name as booth'])
    .where('b.id', 'in', found)
    .where('b.status', '=', 'active')
    .orderBy('b.created_at')
    .orderBy('b.id')
    .forUpdate('b')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    amountMinor: Number(r.amount_minor),
    currency: r.currency,
    label: (r.description ? `${r.booth}: ${r.description}` : r.booth).slice(0, 160),
  }));
}

/** The payer's phone as staff typed it (`0788 000 111`), read in the organization's country. */
async function payerPhone(tx: Ctx, typed: string): Promise<string> {
  return (await phoneReaderOf(tx)).readOrUndefined(typed) ?? typed;
}

/** One payment's key of a request's key: each bill gets its own, the same on a retry. */
const keyOf = (key: string, billId: string) =>
  createHash('sha256').update(`${key}\u0000${billId}`).digest('base64url');
