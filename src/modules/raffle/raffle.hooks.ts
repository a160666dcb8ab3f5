import type { ModuleHooks } from '../../core/modules/index.ts';
import type { PurposeRefunds } from '../../core/payments/index.ts';
import { settleOrderPayment, tellProofDenied } from './order-payments.ts';
import { tellOrderRefunded } from './order-refunds.ts';
import { ORDER_PURPOSE } from './orders.ts';
import type { RaffleRuntime } from './raffle.runtime.ts';

/** A paid order sells its tickets; a denied proof tells the buyer. Both in the payment's transaction. */
export const raffleHooks: ModuleHooks<RaffleRuntime> = {
  paymentSettled: { [ORDER_PURPOSE]: (rt, tx, payment) => settleOrderPayment(tx, rt, payment) },
  paymentFailed: { [ORDER_PURPOSE]: (rt, tx, payment) => tellProofDenied(tx, rt, payment) },
};

/** What a refund of an order does to the raffle's record (core payments' refund contract). */
export const raffleRefunds: Record<string, PurposeRefunds<RaffleRuntime>> = {
  [ORDER_PURPOSE]: { settled: (rt, tx, event) => tellOrderRefunded(tx, rt, event) },
};
