import type { Ctx } from '../context/index.ts';
import type { Money } from '../money/index.ts';
import { transitionRefused } from './get-payment.ts';
import { insertPayment, type PaymentPurpose } from './insert-payment.ts';
import type { Payment } from './payment-view.ts';
import { PaymentsErrors } from './payments.errors.ts';
import type { ManualKind } from './payments.rules.ts';
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

/** Voids a recorded manual payment (entered by mistake); a reason is required; `onPaymentVoided` runs. */
export async function voidManualPayment(
  ctx: Ctx,
  input: { paymentId: string; reason: string },
): Promise<Payment> {
  const reason = input.reason?.trim();
  if (!reason) throw PaymentsErrors.reason_required({ field: 'reason' });
  const done = await transitionPayment(ctx, {
    paymentId: input.paymentId,
    to: 'voided',
    changes: { voidReason: reason },
  });
  if (!done) throw await transitionRefused(ctx, input.paymentId, 'voided');
  return done.payment;
}
