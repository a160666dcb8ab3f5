import type { Ctx } from '../context/index.ts';
import type { Payment } from './payment-view.ts';

/**
 * The payment events modules hook into (`hooks.paymentSettled` of a module definition). Handlers
 * run inside the transaction of the payment's transition: write your module's rows through
 * `tx.db` and they commit together with the payment (or not at all). Throw only for infrastructure
 * failures: a throw rolls the transition back and the job retries. A business refusal (the order
 * expired meanwhile) must be recorded, not thrown, because the money has moved: flag the order for
 * a refund instead.
 */
declare module '../context/index.ts' {
  interface CoreEvents {
    /** Once, when a payment settles (proof verified, manual recorded, mobile money succeeded). */
    'payment.settled': Payment;
    /** Once, when a payment will not settle as requested: proof denied, mobile money failed or `mismatch`. */
    'payment.failed': Payment;
    /** Once, when staff void a recorded manual payment (it was settled before). */
    'payment.voided': Payment;
  }
}

/** Raises the event of a payment that reached `kind`, in the caller's transaction. */
export function emitPaymentEvent(
  tx: Ctx,
  kind: 'settled' | 'failed' | 'voided',
  payment: Payment,
): Promise<void> {
  return tx.events.emit(`payment.${kind}`, tx, payment);
}
