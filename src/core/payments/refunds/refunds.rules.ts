import type { Role } from '../../auth/index.ts';
import type { PaymentMethod, PaymentStatus } from '../payments.rules.ts';

export const REFUND_METHODS = ['cash', 'momo', 'airtel'] as const;
export type RefundMethod = (typeof REFUND_METHODS)[number];

export const REFUND_STATUSES = [
  'awaiting_approval',
  'pending',
  'unknown',
  'sent',
  'succeeded',
  'failed',
  'rejected',
] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/**
 * The refund machine. awaiting_approval (above the requester's limit) → pending | rejected; a cash
 * refund is succeeded at once (the money left the till). Provider refunds: pending (queued, never sent
 * in this attempt) → unknown (claimed for sending: from here the provider may have it) → sent (the
 * provider took it) | failed (it refused) | back to pending only when a status check proves the provider
 * never received it; sent | unknown → succeeded | failed by a status check; failed → pending by a staff
 * retry (a new attempt with a new reference, if what is left to refund still allows it).
 */
const TRANSITIONS: Readonly<Record<RefundStatus, readonly RefundStatus[]>> = {
  awaiting_approval: ['pending', 'succeeded', 'rejected'],
  pending: ['unknown'],
  unknown: ['sent', 'succeeded', 'failed', 'pending'],
  sent: ['succeeded', 'failed'],
  succeeded: [],
  failed: ['pending'],
  rejected: [],
};

/**
 * Statuses whose refund holds part of the payment (counted against what was paid): asked (waiting for
 * a second person), on its way, or paid back. The one list: SQL reads it through `refundHoldsMoneySql`,
 * the database's last guard through `payment_refund_holds_money()` (a test keeps the two equal).
 */
export const HOLDING_STATUSES = ['awaiting_approval', 'pending', 'unknown', 'sent', 'succeeded'] as const;

export function holdsMoney(status: RefundStatus): boolean {
  return (HOLDING_STATUSES as readonly string[]).includes(status);
}

/**
 * Part of the statuses that hold money: `approved` only those a second person no longer has to
 * approve (going or gone back), `back: false` only those not paid back yet (asked or on their way).
 */
export interface HoldingPart {
  approved?: boolean;
  back?: boolean;
}

export function holdingStatuses(part: HoldingPart = {}): RefundStatus[] {
  return HOLDING_STATUSES.filter(
    (s) => !(part.approved && s === 'awaiting_approval') && !(part.back === false && s === 'succeeded'),
  );
}

export function canMoveRefund(from: RefundStatus, to: RefundStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function refundStatusesLeadingTo(to: RefundStatus): RefundStatus[] {
  return REFUND_STATUSES.filter((from) => canMoveRefund(from, to));
}

/** Statuses in which a payment's money arrived and may be given back. */
export function isRefundable(status: PaymentStatus): boolean {
  return status === 'verified' || status === 'recorded' || status === 'succeeded' || status === 'mismatch';
}

export type MethodRefusal = 'provider_mismatch' | 'provider_full_only' | 'provider_transaction_missing';

/**
 * Which way a refund may go back: cash always (over the counter), a provider only for money that came
 * through it, and Airtel only in full (its refund API reverses the whole transaction, no amount).
 */
export function refundMethodRefusal(args: {
  method: RefundMethod;
  payment: { method: PaymentMethod; providerTransactionId: string | null; providerReference: string | null };
  amountMinor: number;
  paidMinor: number;
  alreadyHeldMinor: number;
}): MethodRefusal | null {
  if (args.method === 'cash') return null;
  if (args.payment.method !== args.method) return 'provider_mismatch';
  if (!args.payment.providerReference) return 'provider_transaction_missing';
  if (args.method === 'airtel') {
    if (!args.payment.providerTransactionId) return 'provider_transaction_missing';
    if (args.amountMinor !== args.paidMinor || args.alreadyHeldMinor !== 0) return 'provider_full_only';
  }
  return null;
}

/**
 * Per-organization refund limits by role, in minor units of the payment's currency
 * (`organization.settings.payments.refunds.limits`): null is no limit. Above it a second person approves.
 */
export type RefundLimits = Partial<Record<Role, number | null>>;

/** Owners and admins refund any amount alone; ops only with a second person; viewers and scanners never. */
export const DEFAULT_REFUND_LIMITS: Readonly<Record<Role, number | null>> = {
  owner: null,
  admin: null,
  ops: 0,
  viewer: 0,
  scanner: 0,
};

export function refundLimitOf(role: Role, limits: RefundLimits): number | null {
  return role in limits ? (limits[role] ?? null) : DEFAULT_REFUND_LIMITS[role];
}

/** Who asks for or approves a refund: their role sets their limit, the person the two-person rule. */
export interface RefundStaff {
  role: Role;
  /** The person (a token's owner); null for the system, which never approves its own request. */
  userId: string | null;
}

/** Whether this person may refund this much alone; otherwise a second person approves it. */
export function withinLimit(role: Role, amountMinor: number, limits: RefundLimits): boolean {
  const limit = refundLimitOf(role, limits);
  return limit === null || amountMinor <= limit;
}

/** What a provider said about one refund attempt. */
export type RefundProviderStatus =
  | { state: 'succeeded'; raw: string; transactionId: string | null }
  | { state: 'failed'; raw: string; reason: string }
  | { state: 'pending'; raw: string }
  | { state: 'not_found'; raw: string }
  | { state: 'ambiguous'; raw: string };

export type RefundCheckDecision =
  | { kind: 'succeed'; transactionId: string | null }
  | { kind: 'fail'; reason: string }
  /** The provider never got this attempt: sending it again (same reference) cannot pay twice. */
  | { kind: 'resend' }
  | { kind: 'wait'; nextCheckAt: Date };

/** Spacing of the status checks of a refund that is out: doubles from 30 s up to 10 minutes. */
export function nextRefundCheck(now: Date, checksDone: number): Date {
  const seconds = Math.min(600, 30 * 2 ** Math.min(checksDone, 10));
  return new Date(now.getTime() + seconds * 1000);
}

/**
 * What a status check decides for a refund whose outcome is open (`unknown` or `sent`). Only a
 * provider's `not_found` for an attempt it may never have received (`unknown`) is sent again, never a
 * refund the provider acknowledged; everything else waits for an answer that settles it.
 */
export function decideRefundCheck(
  refund: { status: RefundStatus; checksDone: number },
  status: RefundProviderStatus,
  now: Date,
): RefundCheckDecision {
  switch (status.state) {
    case 'succeeded':
      return { kind: 'succeed', transactionId: status.transactionId };
    case 'failed':
      return { kind: 'fail', reason: status.reason };
    case 'not_found':
      if (refund.status === 'unknown') return { kind: 'resend' };
      return { kind: 'wait', nextCheckAt: nextRefundCheck(now, refund.checksDone) };
    default:
      return { kind: 'wait', nextCheckAt: nextRefundCheck(now, refund.checksDone) };
  }
}
