import { sql } from '../../platform/db/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import type { Money } from '../money/index.ts';
import { transitionRefused } from './get-payment.ts';
import { insertPayment, type PaymentPurpose } from './insert-payment.ts';
import type { Payment } from './payment-view.ts';
import { PaymentsErrors } from './payments.errors.ts';
import type { ManualKind } from './payments.rules.ts';
import { refundHoldsMoneySql } from './refunds/refund-holds-money.ts';
import { RefundErrors } from './refunds/refunds.errors.ts';
import { transitionPayment } from './transition-payment.ts';

export interface ManualPaymentInput {
  amount: Money;
  purpose: PaymentPurpose;
  kind: ManualKind;
  note?: string | null;
  externalReference?: string | null;
  payerContactId?: string | null;
  idempotencyKey?: string | null;
}

/**
 * Records cash or a bank transfer staff received: settled at once (`recorded`), so the purpose's
 * `onPaymentSettled` handlers run in the same transaction.
 */
export async function recordManualPayment(ctx: Ctx, input: ManualPaymentInput): Promise<Payment> {
  const { payment } = await insertPayment(ctx, {
    method: 'manual',
    amount: input.amount,
    purpose: input.purpose,
    manualKind: input.kind,
    note: input.note?.trim() || null,
    externalReference: input.externalReference ?? null,
    payerContactId: input.payerContactId ?? null,
    idempotencyKey: input.idempotencyKey ?? null,
  });
  return payment;
}

/**
 * Voids a recorded manual payment (entered by mistake); a reason is required; `onPaymentVoided` runs.
 * Refused while a refund holds part of it (issue 53): money given back for a payment that then never
 * counted would be more than was paid. The check runs under the payment's locks, as refunds do.
 */
export async function voidManualPayment(
  ctx: Ctx,
  input: { paymentId: string; reason: string },
): Promise<Payment> {
  const reason = input.reason?.trim();
  if (!reason) throw PaymentsErrors.reason_required({ field: 'reason' });
  return inTransaction(ctx, async (tx) => {
    const done = await transitionPayment(tx, {
      paymentId: input.paymentId,
      to: 'voided',
      changes: { voidReason: reason },
    });
    if (!done) throw await transitionRefused(tx, input.paymentId, 'voided');
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from payment_refund
      where org_id = ${tx.orgId} and payment_id = ${input.paymentId}
        and ${refundHoldsMoneySql('status')}`.execute(tx.db);
    if (Number(rows[0]?.n ?? 0) > 0) throw RefundErrors.payment_has_refunds({ paymentId: input.paymentId });
    return done.payment;
  });
}
