import type { Ctx } from '../../context/index.ts';
import type { Money } from '../../money/index.ts';
import type { Payment } from '../payment-view.ts';
import type { Refund } from './refund-view.ts';
import type { RefundStaff } from './refunds.rules.ts';

/**
 * What the module that owns a payment's purpose is asked to do with its record when money goes back
 * (`{ tickets: 'hold' }` for a raffle order, `{ tokenKeepsWorking: true }` for a prepaid purchase): the
 * module reads it, core keeps it on the refund so an approval later does the same.
 */
export type RefundOptions = Record<string, unknown>;

/** A refund being asked for, before anything is written: the module may refuse it (throw). */
export interface RefundAsked {
  payment: Payment;
  amount: Money;
  /** What is left to refund of the payment before this one. */
  left: Money;
  reason: string;
  options: RefundOptions;
  staff: RefundStaff;
}

/** One refund of a payment, as the module is told of it. */
export interface PaymentRefunded {
  refund: Refund;
  payment: Payment;
}

/**
 * The refund contract of a purpose (DESIGN rule 7): core owns the money (limits, approval, provider,
 * claims); the module that owns the purpose owns what becomes of its record, whichever route or button
 * asked. Each step runs once, inside the transaction of the change it follows.
 * - `asked`: a refund is asked for (any route). Refuse by throwing (an order not paid, a token not
 *   acknowledged); change nothing: it may yet wait for a second person.
 * - `started`: the refund goes ahead (within the asker's limit, or approved by a second person). The
 *   record changes now: an order cancelled and its numbers released or held, a purchase marked refunded.
 * - `settled`: the money is back (cash at once, a provider's once its check says paid): tell the person.
 * - `rejected`: the second person turned it down; the record stays as it was (core tells the requester).
 * - `failed`: the provider will not pay it back (refused, or its check says failed for good): no money
 *   went back, so the record goes back to holding what it still holds, undoing what `started` did (an
 *   order paid again, a purchase's refunded amount less). Staff may retry it: `started` runs again then.
 */
export interface PurposeRefunds<R> {
  asked?: (tx: Ctx, rt: R, event: RefundAsked) => Promise<void>;
  started?: (tx: Ctx, rt: R, event: PaymentRefunded) => Promise<void>;
  settled?: (tx: Ctx, rt: R, event: PaymentRefunded) => Promise<void>;
  rejected?: (tx: Ctx, rt: R, event: PaymentRefunded) => Promise<void>;
  failed?: (tx: Ctx, rt: R, event: PaymentRefunded) => Promise<void>;
}

declare module '../../context/index.ts' {
  interface CoreEvents {
    'refund.asked': RefundAsked;
    'refund.started': PaymentRefunded;
    'payment.refunded': PaymentRefunded;
    'refund.rejected': PaymentRefunded;
    'refund.failed': PaymentRefunded;
  }
}

/** Asks the purpose's module whether this refund may be made (it throws if not). */
export function emitRefundAsked(tx: Ctx, event: RefundAsked): Promise<void> {
  return tx.events.emit('refund.asked', tx, event);
}

/** The refund goes ahead: the purpose's module changes its record. */
export function emitRefundStarted(tx: Ctx, event: PaymentRefunded): Promise<void> {
  return tx.events.emit('refund.started', tx, event);
}

/** The money is back: the purpose's module tells the person. */
export function emitRefunded(tx: Ctx, event: PaymentRefunded): Promise<void> {
  return tx.events.emit('payment.refunded', tx, event);
}

/** A refund waiting for approval was turned down: the purpose's module learns its record stays. */
export function emitRefundRejected(tx: Ctx, event: PaymentRefunded): Promise<void> {
  return tx.events.emit('refund.rejected', tx, event);
}

/** A provider refund failed for good (no money went back): the purpose's module undoes what `started` did. */
export function emitRefundFailed(tx: Ctx, event: PaymentRefunded): Promise<void> {
  return tx.events.emit('refund.failed', tx, event);
}
