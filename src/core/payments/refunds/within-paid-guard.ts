import { RefundErrors } from './refunds.errors.ts';

/**
 * Runs a write to `payment_refund`, turning the last guard's refusal (the trigger
 * `payment_refund_within_paid`: refunds would add up to more than was paid) into its error code.
 */
export async function withinPaidGuard<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const e = err as { code?: string; constraint?: string; message?: string };
    if (
      e.code === '23514' &&
      (e.constraint === 'payment_refund_within_paid' || /exceed what was paid/.test(e.message ?? ''))
    )
      throw RefundErrors.refund_exceeds_paid({ field: 'amount' });
    throw err;
  }
}
