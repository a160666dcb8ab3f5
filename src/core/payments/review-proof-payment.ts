import { type Ctx, inTransaction } from '../context/index.ts';
import { transitionRefused } from './get-payment.ts';
import { findPurpose, type PurposeFound } from './payment-purpose.ts';
import type { Payment } from './payment-view.ts';
import { PaymentsErrors } from './payments.errors.ts';
import type { PaymentsTables } from './payments.tables.ts';
import type { PurposeLabeler } from './purpose-label.ts';
import { transitionPayment } from './transition-payment.ts';

/**
 * What the deciding staff member's purposes are: the enabled modules' declarations (`purposeLabel`).
 * Given, a decision first looks the payment's purpose up, so a proof stored for nothing (before
 * purposes were checked, issue 55 item 3) is refused a verify and denied without any module's hooks,
 * never a 5xx from a module reading an id it never made.
 */
export interface DecisionOptions {
  purposes?: ReadonlyArray<PurposeLabeler>;
}

/**
 * Staff confirm a proof: submitted → verified (settled), and the purpose's `onPaymentSettled`
 * handlers run in the same transaction. Of a verify and a deny at once, exactly one wins; the
 * other gets `payment_state_changed`. A proof whose purpose names no record is `purpose_missing` (409).
 */
export async function verifyPayment(
  ctx: Ctx,
  input: { paymentId: string } & DecisionOptions,
): Promise<Payment> {
  return inTransaction(ctx, async (tx) => {
    if ((await purposeOf(tx, input)) !== 'found') {
      const payment = await paymentPurpose(tx, input.paymentId);
      throw PaymentsErrors.purpose_missing({ paymentId: input.paymentId, purpose: payment });
    }
    const done = await transitionPayment(tx, { paymentId: input.paymentId, to: 'verified' });
    if (!done) throw await transitionRefused(tx, input.paymentId, 'verified');
    return done.payment;
  });
}

/**
 * Staff reject a proof, with a reason the payer can be told: submitted → denied; `onPaymentFailed`
 * runs, except for a proof whose purpose names no record (no module owns it).
 */
export async function denyPayment(
  ctx: Ctx,
  input: { paymentId: string; reason: string } & DecisionOptions,
): Promise<Payment> {
  const reason = input.reason?.trim();
  if (!reason) throw PaymentsErrors.reason_required({ field: 'reason' });
  return inTransaction(ctx, async (tx) => {
    const hooks = (await purposeOf(tx, input)) === 'found';
    const done = await transitionPayment(tx, {
      paymentId: input.paymentId,
      to: 'denied',
      changes: { denialReason: reason.slice(0, 500) },
      hooks,
    });
    if (!done) throw await transitionRefused(tx, input.paymentId, 'denied');
    return done.payment;
  });
}

/** `found` without purposes to look in (the caller vouches for them) or for a payment that is not there. */
async function purposeOf(tx: Ctx, input: { paymentId: string } & DecisionOptions): Promise<PurposeFound> {
  if (!input.purposes) return 'found';
  const purpose = await paymentPurpose(tx, input.paymentId);
  return purpose ? findPurpose(tx, input.purposes, purpose) : 'found';
}

async function paymentPurpose(tx: Ctx, paymentId: string) {
  const row = await tx.db
    .withTables<PaymentsTables>()
    .selectFrom('payment')
    .select(['purpose_type as type', 'purpose_id as id'])
    .where('id', '=', paymentId)
    .executeTakeFirst();
  return row ? { type: row.type, id: row.id } : undefined;
}
