import type { Ctx } from '../../context/index.ts';
import type { Payment } from '../payment-view.ts';
import type { Refund } from './refund-view.ts';

/** What a module is told when money went back for one of its payments. */
export interface PaymentRefunded {
  refund: Refund;
  payment: Payment;
}

/**
 * The refund event modules hook into (`hooks.paymentRefunded` of a module definition, by purpose type).
 * It runs once, inside the transaction that records the money as gone back (cash at once, a provider's
 * refund when its status check says paid): the module's rows (an order cancelled, a balance corrected)
 * and the person's message commit with it.
 */
declare module '../../context/index.ts' {
  interface CoreEvents {
    'payment.refunded': PaymentRefunded;
  }
}

export function emitRefunded(tx: Ctx, event: PaymentRefunded): Promise<void> {
  return tx.events.emit('payment.refunded', tx, event);
}
