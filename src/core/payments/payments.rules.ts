import { equals, type Money } from '../money/index.ts';

export const PAYMENT_METHODS = ['proof', 'manual', 'momo', 'airtel'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const MOBILE_MONEY_METHODS = ['momo', 'airtel'] as const;
export type MobileMoneyMethod = (typeof MOBILE_MONEY_METHODS)[number];

export const MANUAL_KINDS = ['cash', 'bank', 'other'] as const;
export type ManualKind = (typeof MANUAL_KINDS)[number];

export const PAYMENT_STATUSES = [
  'submitted',
  'verified',
  'denied',
  'recorded',
  'voided',
  'pending',
  'ambiguous',
  'succeeded',
  'failed',
  'mismatch',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * The payment machine. proof: submitted → verified | denied. manual: recorded (already settled) →
 * voided. mobile money: pending → ambiguous | succeeded | failed | mismatch, ambiguous → the same
 * finals; failed → mismatch only for a `timeout` the provider later reports as paid (money moved
 * after we gave up: staff must refund or apply it by hand).
 */
const TRANSITIONS: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  submitted: ['verified', 'denied'],
  verified: [],
  denied: [],
  recorded: ['voided'],
  voided: [],
  pending: ['ambiguous', 'succeeded', 'failed', 'mismatch'],
  ambiguous: ['succeeded', 'failed', 'mismatch'],
  succeeded: [],
  failed: ['mismatch'],
  mismatch: [],
};

const INITIAL: Readonly<Record<PaymentMethod, PaymentStatus>> = {
  proof: 'submitted',
  manual: 'recorded',
  momo: 'pending',
  airtel: 'pending',
};

/** The reason a mobile-money payment fails when nobody (provider or payer) finished it in time. */
export const TIMEOUT_REASON = 'timeout';

export function initialStatus(method: PaymentMethod): PaymentStatus {
  return INITIAL[method];
}

export function isMobileMoney(method: PaymentMethod): method is MobileMoneyMethod {
  return method === 'momo' || method === 'airtel';
}

/** Whether `from → to` is allowed by the machine (the SQL guard enforces the same statuses). */
export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Every status that may move to `to`: the `where status in (...)` of the guarded UPDATE. */
export function statusesLeadingTo(to: PaymentStatus): PaymentStatus[] {
  return PAYMENT_STATUSES.filter((from) => canTransition(from, to));
}

/** The money arrived and may be relied on: modules deliver what was paid for. */
export function isSettled(status: PaymentStatus): boolean {
  return status === 'verified' || status === 'recorded' || status === 'succeeded';
}

/** The payment will never settle as requested (modules release what they held). */
export function isUnsuccessful(status: PaymentStatus): boolean {
  return status === 'denied' || status === 'failed' || status === 'mismatch';
}

/** Nothing more will happen on its own; only staff actions (void) or a late provider success remain. */
export function isFinal(status: PaymentStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

/**
 * Bank UTRs, MoMo ids and receipt numbers as people type them: spaces, dashes, dots and case vary.
 * The normalized form is what duplicates are matched on; empty means no reference.
 */
export function normalizeExternalReference(input: string | null | undefined): string | null {
  if (input == null) return null;
  const normalized = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '');
  return normalized === '' ? null : normalized;
}

/** A reference as typed, trimmed and capped; null when nothing would be left to match on. */
export function typedReference(input: string | null | undefined): string | null {
  if (normalizeExternalReference(input) === null) return null;
  return input!.trim().replace(/\s+/g, ' ').slice(0, 100);
}

/** Digits only, international form without `+` (`+250 788-000-111` → `250788000111`); null when not a phone number. */
export function normalizeMsisdn(input: string): string | null {
  const trimmed = input.trim();
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  return /^[1-9]\d{7,14}$/.test(digits) ? digits : null;
}

/** A module's purpose type: `raffle.order`, `mess.bill`, `prepaid.purchase`. */
export function isPurposeType(value: string): boolean {
  return /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/.test(value) && value.length <= 100;
}

/** How often a pending mobile-money payment is polled and when it is given up. */
export interface PollTiming {
  /** First status poll this long after the request (callbacks usually come first). */
  firstCheckSeconds: number;
  /** Polls double in spacing up to this. */
  maxCheckIntervalSeconds: number;
  /** Pending this long after creation → a final check, then `failed` with reason `timeout`. */
  deadlineSeconds: number;
}

export const DEFAULT_POLL_TIMING: PollTiming = {
  firstCheckSeconds: 30,
  maxCheckIntervalSeconds: 300,
  deadlineSeconds: 30 * 60,
};

/** Seconds until the next poll after `checksDone` polls: first, 2×first, 4×first … capped. */
export function nextCheckDelaySeconds(checksDone: number, timing: PollTiming): number {
  const first = Math.max(1, timing.firstCheckSeconds);
  const delay = first * 2 ** Math.min(Math.max(0, checksDone), 30);
  return Math.min(delay, Math.max(first, timing.maxCheckIntervalSeconds));
}

/** What the provider says about a request-to-pay, in our words. */
export type ProviderStatus =
  | { state: 'pending'; raw: string }
  | { state: 'ambiguous'; raw: string }
  | { state: 'succeeded'; raw: string; transactionId: string | null; amount: Money | null }
  | { state: 'failed'; raw: string; reason: string }
  | { state: 'not_found'; raw: string };

/** What to do with a mobile-money payment after asking the provider. */
export type CheckDecision =
  | { kind: 'settle'; transactionId: string | null }
  | { kind: 'mismatch'; reason: 'amount_mismatch' | 'succeeded_after_timeout'; transactionId: string | null }
  | { kind: 'fail'; reason: string }
  | { kind: 'mark_ambiguous'; nextCheckAt: Date }
  | { kind: 'wait'; nextCheckAt: Date; resendRequest: boolean }
  | { kind: 'ignore' };

export interface CheckFacts {
  status: PaymentStatus;
  failureReason: string | null;
  expected: Money;
  deadlineAt: Date;
  /** Whether the provider has acknowledged our request-to-pay. */
  requested: boolean;
  checksDone: number;
  now: Date;
  timing: PollTiming;
}

/**
 * Decides a mobile-money payment's fate from the provider's answer. The provider is the only source
 * of truth (callbacks are hints). A success with another amount or currency is refused as
 * `mismatch`; still unresolved at the deadline → `failed` with reason `timeout`.
 */
export function decideAfterStatusCheck(facts: CheckFacts, provider: ProviderStatus): CheckDecision {
  if (facts.status === 'failed') {
    const lateSuccess = facts.failureReason === TIMEOUT_REASON && provider.state === 'succeeded';
    return lateSuccess
      ? { kind: 'mismatch', reason: 'succeeded_after_timeout', transactionId: provider.transactionId }
      : { kind: 'ignore' };
  }
  if (facts.status !== 'pending' && facts.status !== 'ambiguous') return { kind: 'ignore' };
  if (provider.state === 'succeeded') {
    if (provider.amount && !equals(provider.amount, facts.expected))
      return { kind: 'mismatch', reason: 'amount_mismatch', transactionId: provider.transactionId };
    return { kind: 'settle', transactionId: provider.transactionId };
  }
  if (provider.state === 'failed') return { kind: 'fail', reason: provider.reason };
  if (facts.now.getTime() >= facts.deadlineAt.getTime()) return { kind: 'fail', reason: TIMEOUT_REASON };
  // Polls double in spacing, but the final one happens at the deadline, not after it.
  const nextCheckAt = new Date(
    Math.min(
      facts.now.getTime() + nextCheckDelaySeconds(facts.checksDone, facts.timing) * 1000,
      facts.deadlineAt.getTime(),
    ),
  );
  if (provider.state === 'ambiguous' && facts.status === 'pending')
    return { kind: 'mark_ambiguous', nextCheckAt };
  // The provider never saw our request (lost job, crash before sending): send it again, same reference.
  const resendRequest = provider.state === 'not_found' && !facts.requested;
  return { kind: 'wait', nextCheckAt, resendRequest };
}
