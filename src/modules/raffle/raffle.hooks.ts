import type { Ctx } from '../../core/context/index.ts';
import type { ModuleHooks } from '../../core/modules/index.ts';
import type { NotificationOutcomeEvent } from '../../core/notifications/index.ts';
import type { PurposeRefunds } from '../../core/payments/index.ts';
import { settleOrderPayment, tellProofDenied } from './order-payments.ts';
import { askOrderRefund, keepOrderOnRejection, startOrderRefund } from './order-refund-contract.ts';
import { undoOrderRefund } from './order-refund-failed.ts';
import { tellOrderRefunded } from './order-refunds.ts';
import { recordOrderTexted } from './order-texts.ts';
import { ORDER_PURPOSE } from './orders.ts';
import type { RaffleRuntime } from './raffle.runtime.ts';
import { SMS_BACKED } from './raffle.sms.ts';

const orderTexted = (tx: Ctx, _rt: RaffleRuntime, event: NotificationOutcomeEvent) =>
  recordOrderTexted(tx, event);

/**
 * A paid order sells its tickets; a denied proof tells the buyer. Both in the payment's transaction.
 * An order's outcome or a won prize WhatsApp could not deliver, which core texted instead (the
 * templates' SMS fallback, issue 65), is listed on the order.
 */
export const raffleHooks: ModuleHooks<RaffleRuntime> = {
  paymentSettled: { [ORDER_PURPOSE]: settleOrderPayment },
  paymentFailed: { [ORDER_PURPOSE]: tellProofDenied },
  notificationOutcome: Object.fromEntries(SMS_BACKED.map((template) => [template, orderTexted])),
};

/**
 * What a refund of an order does to the raffle's record (core payments' refund contract, DESIGN rule
 * 7), whichever route asks: refused unless the order is paid, the order cancelled (numbers released
 * or held) only when it goes ahead and takes all that was paid, the buyer told when the money is back,
 * nothing changed when a second person turns it down, the order paid again when the provider will
 * not pay the refund back.
 */
export const raffleRefunds: Record<string, PurposeRefunds<RaffleRuntime>> = {
  [ORDER_PURPOSE]: {
    asked: (tx, _rt, event) => askOrderRefund(tx, event),
    started: (tx, _rt, event) => startOrderRefund(tx, event),
    settled: tellOrderRefunded,
    rejected: (tx, _rt, event) => keepOrderOnRejection(tx, event),
    failed: (tx, _rt, event) => undoOrderRefund(tx, event),
  },
};
