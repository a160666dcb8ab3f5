import type { ModuleDeps } from '../../core/modules/index.ts';
import { onPaymentFailed, onPaymentSettled } from '../../core/payments/index.ts';
import { settleOrderPayment, tellProofDenied } from './order-payments.ts';
import { ORDER_PURPOSE } from './orders.ts';
import { bindRaffleDeps, raffleDeps } from './raffle.runtime.ts';

let registered = false;

/** Binds the app's deps and registers the payment hooks once per process (they are process-wide). */
export function startRaffleRuntime(deps: ModuleDeps): void {
  bindRaffleDeps(deps);
  if (registered) return;
  registered = true;
  onPaymentSettled(ORDER_PURPOSE, (tx, payment) => settleOrderPayment(tx, payment, raffleDeps().jobs));
  onPaymentFailed(ORDER_PURPOSE, (tx, payment) => tellProofDenied(tx, payment, raffleDeps().jobs));
}
