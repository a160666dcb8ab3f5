import { describe, expect, it } from 'vitest';
import { money } from '../money/index.ts';
import {
  type CheckFacts,
  canTransition,
  DEFAULT_POLL_TIMING,
  decideAfterStatusCheck,
  initialStatus,
  isFinal,
  isSettled,
  nextCheckDelaySeconds,
  normalizeExternalReference,
  normalizeMsisdn,
  PAYMENT_STATUSES,
  statusesLeadingTo,
  typedReference,
} from './payments.rules.ts';

const NOW = new Date('2026-11-22T10:00:00Z');
const facts = (over: Partial<CheckFacts> = {}): CheckFacts => ({
  status: 'pending',
  failureReason: null,
  expected: money(1500, 'RWF'),
  deadlineAt: new Date(NOW.getTime() + 30 * 60_000),
  requested: true,
  checksDone: 0,
  now: NOW,
  timing: DEFAULT_POLL_TIMING,
  ...over,
});
const paid = (amountMinor = 1500, currency = 'RWF') =>
  ({
    state: 'succeeded',
    raw: 'SUCCESSFUL',
    transactionId: 'T1',
    amount: money(amountMinor, currency),
  }) as const;

describe('payment status machine', () => {
  it('starts each method in its own status', () => {
    expect(initialStatus('proof')).toBe('submitted');
    expect(initialStatus('manual')).toBe('recorded');
    expect(initialStatus('momo')).toBe('pending');
    expect(initialStatus('airtel')).toBe('pending');
  });

  it('lets a proof be verified or denied once, and nothing after', () => {
    expect(canTransition('submitted', 'verified')).toBe(true);
    expect(canTransition('submitted', 'denied')).toBe(true);
    expect(canTransition('verified', 'denied')).toBe(false);
    expect(canTransition('denied', 'verified')).toBe(false);
  });

  it('lets only a recorded manual payment be voided', () => {
    expect(statusesLeadingTo('voided')).toEqual(['recorded']);
  });

  it('settles mobile money only from pending or ambiguous', () => {
    expect(statusesLeadingTo('succeeded')).toEqual(['pending', 'ambiguous']);
    expect(statusesLeadingTo('failed')).toEqual(['pending', 'ambiguous']);
    expect(canTransition('failed', 'succeeded')).toBe(false);
  });

  it('reopens a failed payment only as a mismatch (a success reported after the timeout)', () => {
    expect(statusesLeadingTo('mismatch')).toEqual(['pending', 'ambiguous', 'failed']);
  });

  it('calls verified, recorded and succeeded settled, and no status reaches pending or submitted', () => {
    expect(PAYMENT_STATUSES.filter(isSettled)).toEqual(['verified', 'recorded', 'succeeded']);
    expect(statusesLeadingTo('pending')).toEqual([]);
    expect(statusesLeadingTo('submitted')).toEqual([]);
    expect(isFinal('succeeded')).toBe(true);
    expect(isFinal('pending')).toBe(false);
  });
});

describe('normalizing what payers type', () => {
  it('matches external references regardless of case, spaces and separators', () => {
    expect(normalizeExternalReference(' utr-4521 9987.01 ')).toBe('UTR4521998701');
    expect(normalizeExternalReference('UTR4521998701')).toBe('UTR4521998701');
    expect(normalizeExternalReference(' - ')).toBeNull();
    expect(normalizeExternalReference(undefined)).toBeNull();
  });

  it('keeps a reference as typed (trimmed), and none when nothing would be left to match on', () => {
    expect(typedReference('  TRX-NEWCOMER-1 ')).toBe('TRX-NEWCOMER-1');
    expect(typedReference('utr 4521   9987')).toBe('utr 4521 9987');
    expect(typedReference(' - ')).toBeNull();
    expect(typedReference(null)).toBeNull();
  });

  it('keeps phone numbers as international digits and refuses anything else', () => {
    expect(normalizeMsisdn('+250 788-000-111')).toBe('250788000111');
    expect(normalizeMsisdn('46733123450')).toBe('46733123450');
    expect(normalizeMsisdn('0788')).toBeNull();
    expect(normalizeMsisdn('call me')).toBeNull();
  });
});

describe('polling spacing', () => {
  it('doubles the spacing after each poll up to the cap', () => {
    const timing = { firstCheckSeconds: 10, maxCheckIntervalSeconds: 60, deadlineSeconds: 600 };
    expect([0, 1, 2, 3, 4, 50].map((n) => nextCheckDelaySeconds(n, timing))).toEqual([
      10, 20, 40, 60, 60, 60,
    ]);
  });
});

describe('deciding after a provider status check', () => {
  it('settles when the provider reports the amount and currency we asked for', () => {
    expect(decideAfterStatusCheck(facts(), paid())).toEqual({ kind: 'settle', transactionId: 'T1' });
  });

  it('settles an ambiguous payment once the provider is sure', () => {
    expect(decideAfterStatusCheck(facts({ status: 'ambiguous' }), paid()).kind).toBe('settle');
  });

  it('settles when the provider does not report an amount (Airtel)', () => {
    const airtel = { state: 'succeeded', raw: 'TS', transactionId: 'MP1', amount: null } as const;
    expect(decideAfterStatusCheck(facts(), airtel)).toEqual({ kind: 'settle', transactionId: 'MP1' });
  });

  it('refuses a success for another amount or currency as a mismatch', () => {
    expect(decideAfterStatusCheck(facts(), paid(1000)).kind).toBe('mismatch');
    expect(decideAfterStatusCheck(facts(), paid(1500, 'UGX'))).toMatchObject({
      kind: 'mismatch',
      reason: 'amount_mismatch',
    });
  });

  it('fails with the provider reason', () => {
    const failed = { state: 'failed', raw: 'FAILED', reason: 'NOT_ENOUGH_FUNDS' } as const;
    expect(decideAfterStatusCheck(facts(), failed)).toEqual({ kind: 'fail', reason: 'NOT_ENOUGH_FUNDS' });
  });

  it('waits while pending, with the next poll spaced by the number of polls so far', () => {
    const decision = decideAfterStatusCheck(facts({ checksDone: 2 }), { state: 'pending', raw: 'PENDING' });
    expect(decision).toEqual({
      kind: 'wait',
      nextCheckAt: new Date(NOW.getTime() + 120_000),
      resendRequest: false,
    });
  });

  it('never schedules the next poll after the deadline', () => {
    const deadlineAt = new Date(NOW.getTime() + 5_000);
    const decision = decideAfterStatusCheck(facts({ deadlineAt }), { state: 'pending', raw: 'PENDING' });
    expect(decision).toMatchObject({ kind: 'wait', nextCheckAt: deadlineAt });
  });

  it('marks a pending payment ambiguous (Airtel TA) and asks again later', () => {
    const decision = decideAfterStatusCheck(facts(), { state: 'ambiguous', raw: 'TA' });
    expect(decision.kind).toBe('mark_ambiguous');
    expect(
      decideAfterStatusCheck(facts({ status: 'ambiguous' }), { state: 'ambiguous', raw: 'TA' }).kind,
    ).toBe('wait');
  });

  it('resends the request when the provider never received it', () => {
    const lost = decideAfterStatusCheck(facts({ requested: false }), { state: 'not_found', raw: '404' });
    expect(lost).toMatchObject({ kind: 'wait', resendRequest: true });
    const known = decideAfterStatusCheck(facts({ requested: true }), { state: 'not_found', raw: '404' });
    expect(known).toMatchObject({ kind: 'wait', resendRequest: false });
  });

  it('fails as timeout at the deadline when the final check is still unresolved', () => {
    const late = facts({ now: new Date(NOW.getTime() + 31 * 60_000) });
    expect(decideAfterStatusCheck(late, { state: 'pending', raw: 'PENDING' })).toEqual({
      kind: 'fail',
      reason: 'timeout',
    });
    expect(decideAfterStatusCheck(late, { state: 'ambiguous', raw: 'TA' }).kind).toBe('fail');
  });

  it('lets the final check at the deadline still settle a payment the provider reports paid', () => {
    const late = facts({ now: new Date(NOW.getTime() + 31 * 60_000) });
    expect(decideAfterStatusCheck(late, paid()).kind).toBe('settle');
  });

  it('turns a timed-out payment the provider later reports paid into a mismatch for staff', () => {
    const timedOut = facts({ status: 'failed', failureReason: 'timeout' });
    expect(decideAfterStatusCheck(timedOut, paid())).toMatchObject({
      kind: 'mismatch',
      reason: 'succeeded_after_timeout',
    });
    const declined = facts({ status: 'failed', failureReason: 'NOT_ENOUGH_FUNDS' });
    expect(decideAfterStatusCheck(declined, paid()).kind).toBe('ignore');
  });

  it('ignores anything about a payment that is already settled', () => {
    expect(decideAfterStatusCheck(facts({ status: 'succeeded' }), paid()).kind).toBe('ignore');
    const failed = { state: 'failed', raw: 'FAILED', reason: 'X' } as const;
    expect(decideAfterStatusCheck(facts({ status: 'succeeded' }), failed).kind).toBe('ignore');
  });
});
