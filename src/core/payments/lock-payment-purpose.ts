import { PlatformErrors } from '../../platform/errors/index.ts';
import type { LockObject } from '../context/index.ts';
import { type Ctx, lockObjects } from '../context/index.ts';
import { PaymentsErrors } from './payments.errors.ts';

/**
 * The lock under which a payment and its purpose are decided: the purpose's own lock object
 * (`{ type: 'raffle.order', id }`), the very one the module takes with `lockObjects` before it
 * confirms or cancels that order. One key for the pair, not one per payment: a purpose may gain a
 * payment while its owner holds the lock (a proof arriving), and a second key taken later would
 * be out of the canonical order. Waiting longer than the lock timeout is `payment_busy` (409).
 */
export async function lockPaymentPurpose(tx: Ctx, purpose: LockObject): Promise<void> {
  try {
    await lockObjects(tx, [purpose]);
  } catch (err) {
    if (PlatformErrors.busy.is(err)) throw PaymentsErrors.payment_busy({ purpose });
    throw err;
  }
}
