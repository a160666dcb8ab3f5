import type { Ctx } from '../context/index.ts';
import { transitionRefused } from './get-payment.ts';
import type { Payment } from './payment-view.ts';
import { PaymentsErrors } from './payments.errors.ts';
import { transitionPayment } from './transition-payment.ts';

/**
 * Staff confirm a proof: submitted → verified (settled), and the purpose's `onPaymentSettled`
 * handlers run in the same transaction. Of a verify and a deny at once, exactly one wins; the
 * other gets `payment_state_changed`.
 */
export async function verifyPayment(ctx: Ctx, input: { paymentId: string }): Promise<Payment> {
  const done = await transitionPayment(ctx, { paymentId: input.paymentId, to: 'verified' });
  if (!done) throw await transitionRefused(ctx, input.paymentId, 'verified');
  return done.payment;
}

/** Staff reject a proof, with a reason the payer can be told: submitted → denied; `onPaymentFailed` runs. */
export async function denyPayment(ctx: Ctx, input: { paymentId: string; reason: string }): Promise<Payment> {
  const reason = input.reason?.trim();
  if (!reason) throw PaymentsErrors.reason_required({ field: 'reason' });
  const done = await transitionPayment(ctx, {
    paymentId: input.paymentId,
    to: 'denied',
    changes: { denialReason: reason.slice(0, 500) },
  });
  if (!done) throw await transitionRefused(ctx, input.paymentId, 'denied');
  return done.payment;
}
