import type { Ctx } from '../context/index.ts';
import type { Payment } from './payment-view.ts';

/**
 * Runs inside the transaction of the payment's transition, with that transaction's context: write
 * your module's rows through `tx.db` and they commit together with the payment (or not at all).
 * Throw only for infrastructure failures: a throw rolls the transition back and the job retries.
 * A business refusal (the order expired meanwhile) must be recorded, not thrown, because the money
 * has moved: flag the order for a refund instead.
 */
export type PaymentHook = (tx: Ctx, payment: Payment) => Promise<void>;

type HookKind = 'settled' | 'failed' | 'voided';

const registry: Record<HookKind, Map<string, Set<PaymentHook>>> = {
  settled: new Map(),
  failed: new Map(),
  voided: new Map(),
};

function register(kind: HookKind, purposeType: string, handler: PaymentHook): () => void {
  const handlers = registry[kind].get(purposeType) ?? new Set<PaymentHook>();
  handlers.add(handler);
  registry[kind].set(purposeType, handlers);
  return () => {
    handlers.delete(handler);
  };
}

/**
 * Called once when a payment for `purposeType` settles (proof verified, manual recorded, mobile
 * money succeeded), in the same transaction. Returns a function that unregisters the handler.
 */
export function onPaymentSettled(purposeType: string, handler: PaymentHook): () => void {
  return register('settled', purposeType, handler);
}

/**
 * Called once when a payment for `purposeType` will not settle as requested: proof denied, mobile
 * money failed (reason in `failureReason`, `timeout` included) or refused as `mismatch`.
 */
export function onPaymentFailed(purposeType: string, handler: PaymentHook): () => void {
  return register('failed', purposeType, handler);
}

/** Called once when staff void a recorded manual payment (it was settled before). */
export function onPaymentVoided(purposeType: string, handler: PaymentHook): () => void {
  return register('voided', purposeType, handler);
}

/** Runs the handlers of one kind for the payment's purpose, in registration order. */
export async function runPaymentHooks(kind: HookKind, tx: Ctx, payment: Payment): Promise<void> {
  for (const handler of registry[kind].get(payment.purpose.type) ?? []) await handler(tx, payment);
}
