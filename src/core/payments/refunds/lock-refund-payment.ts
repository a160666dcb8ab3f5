import type { Ctx } from '../../context/index.ts';
import { lockPaymentPurpose } from '../lock-payment-purpose.ts';
import { type Payment, toPayment } from '../payment-view.ts';
import { PaymentsErrors } from '../payments.errors.ts';
import type { PaymentsTables } from '../payments.tables.ts';
import { getPaymentRow } from './refund-payment-row.ts';

/**
 * Takes a payment's locks in the canonical order (its purpose's lock, then its row) in the caller's
 * transaction, and reads it: every refund of one payment is decided under them, one at a time.
 */
export async function lockRefundPayment(tx: Ctx, paymentId: string): Promise<Payment> {
  const purpose = await getPaymentRow(tx, paymentId);
  if (!purpose) throw PaymentsErrors.payment_not_found({ id: paymentId });
  await lockPaymentPurpose(tx, { type: purpose.purpose_type, id: purpose.purpose_id });
  const row = await tx.db
    .withTables<PaymentsTables>()
    .selectFrom('payment')
    .selectAll()
    .where('id', '=', paymentId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return toPayment(row);
}
