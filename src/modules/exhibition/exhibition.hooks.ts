import { recordAudit } from '../../core/audit/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import type { ModuleHooks } from '../../core/modules/index.ts';
import type { Payment } from '../../core/payments/index.ts';
import { isUuid } from '../../platform/ids/index.ts';
import { BILL_PURPOSE } from './bill-money.ts';
import { publishBill } from './bills.ts';
import type { ExhibitionRuntime } from './exhibition.runtime.ts';
import type { ExhibitionTables } from './exhibition.tables.ts';

/**
 * Tells the screens of a bill's tab that its money changed (a payment or a refund of it), if the bill
 * is there: a hook on core payments never fails the payment for a purpose id that names no bill.
 */
export async function publishBillOf(
  tx: Ctx,
  rt: Pick<ExhibitionRuntime, 'publish'>,
  billId: string,
): Promise<void> {
  if (!isUuid(billId)) return;
  const bill = await tx.db
    .withTables<ExhibitionTables>()
    .selectFrom('exhibition_bill')
    .select(['customer_id as customerId', 'booth_id as boothId'])
    .where('id', '=', billId)
    .executeTakeFirst();
  if (bill) await publishBill(tx, rt, bill);
}

/**
 * Money taken for a bill settled (cash at the desk, a MoMo prompt approved): the bill's history says
 * so, and the desk's open tab and the bill's page read it again (no screen polls for it).
 */
async function billPaid(tx: Ctx, rt: ExhibitionRuntime, payment: Payment): Promise<void> {
  if (!isUuid(payment.purpose.id)) return;
  await recordAudit(tx, {
    action: 'exhibition.bill.paid',
    subject: { type: 'exhibition_bill', id: payment.purpose.id },
    after: { paymentId: payment.id, amount: payment.amount, method: payment.method },
  });
  await publishBillOf(tx, rt, payment.purpose.id);
}

/**
 * A payer's prompt failed or ran out, or cash recorded by mistake was voided: the tab owes it again,
 * and the desk reads it again.
 */
async function billPaymentUndone(tx: Ctx, rt: ExhibitionRuntime, payment: Payment): Promise<void> {
  await publishBillOf(tx, rt, payment.purpose.id);
}

/** The exhibition's hooks on core payments: each runs in the payment's transaction. */
export const exhibitionHooks: ModuleHooks<ExhibitionRuntime> = {
  paymentSettled: { [BILL_PURPOSE]: billPaid },
  paymentFailed: { [BILL_PURPOSE]: billPaymentUndone },
  paymentVoided: { [BILL_PURPOSE]: billPaymentUndone },
};
