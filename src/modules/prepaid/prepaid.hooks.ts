import type { ModuleHooks } from '../../core/modules/index.ts';
import type { PurposeRefunds } from '../../core/payments/index.ts';
import { failPurchase } from './fail-purchase.ts';
import { ORIGINAL_PURCHASE_PURPOSE } from './original-purchase-payments.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import { tokenSmsTemplate } from './prepaid.sms.ts';
import { originalPurchaseRecord, purchaseRecord } from './purchase-refund-record.ts';
import { purchaseRefundSteps } from './purchase-refund-steps.ts';
import { issueToken, PURCHASE_PURPOSE } from './purchases.ts';
import { offerUndeliveredToken } from './token-fallback.ts';

/** A paid purchase issues its token; a failed one is marked failed. Both in the payment's transaction. */
export const prepaidHooks: ModuleHooks<PrepaidRuntime> = {
  paymentSettled: { [PURCHASE_PURPOSE]: issueToken },
  paymentFailed: { [PURCHASE_PURPOSE]: failPurchase },
  notificationOutcome: { [tokenSmsTemplate.key]: offerUndeliveredToken },
};

/**
 * What a refund does to a purchase (core payments' refund contract), whichever route asked: the same
 * steps for a purchase Opsdesk sold and for one the original system sold (`purchaseRefundSteps`).
 */
export const prepaidRefunds: Record<string, PurposeRefunds<PrepaidRuntime>> = {
  [PURCHASE_PURPOSE]: purchaseRefundSteps(purchaseRecord),
  [ORIGINAL_PURCHASE_PURPOSE]: purchaseRefundSteps(originalPurchaseRecord),
};
