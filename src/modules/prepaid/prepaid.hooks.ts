import type { ModuleHooks } from '../../core/modules/index.ts';
import type { PurposeRefunds } from '../../core/payments/index.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import { tellPurchaseRefunded } from './purchase-refunds.ts';
import { failPurchase, issueToken, PURCHASE_PURPOSE } from './purchases.ts';

/** A paid purchase issues its token; a failed one is marked failed. Both in the payment's transaction. */
export const prepaidHooks: ModuleHooks<PrepaidRuntime> = {
  paymentSettled: { [PURCHASE_PURPOSE]: (rt, tx, payment) => issueToken(tx, rt, payment) },
  paymentFailed: { [PURCHASE_PURPOSE]: (rt, tx, payment) => failPurchase(tx, payment, rt) },
};

/** What a refund of a purchase does to the prepaid record (core payments' refund contract). */
export const prepaidRefunds: Record<string, PurposeRefunds<PrepaidRuntime>> = {
  [PURCHASE_PURPOSE]: { settled: (rt, tx, event) => tellPurchaseRefunded(tx, rt, event) },
};
