import { describe, expect, it } from 'vitest';
import { claimAttempt, lockAfter, type ThrottleState } from './login-throttle.rules.ts';

const settings = { maxFailures: 3, lockMinutes: 15 };
const at = (iso: string) => new Date(iso);
const minutes = (from: Date, to: Date | null) => (to!.getTime() - from.getTime()) / 60_000;

/** Runs n allowed attempts at `now` and returns the state after the last one. */
function fail(n: number, now: Date, state?: ThrottleState): ThrottleState {
  let current = state;
  for (let i = 0; i < n; i++) {
    const decision = claimAttempt(current, now, settings);
    if (!decision.allowed) throw new Error('refused');
    current = decision.next;
  }
  return current!;
}

describe('claimAttempt', () => {
  it('allows attempts below the limit without a lock', () => {
    const state = fail(2, at('2026-11-22T10:00:00Z'));
    expect(state).toMatchObject({ failures: 2, lockedUntil: null });
  });

  it('sets the lock on the attempt that reaches the limit and refuses the next one', () => {
    const now = at('2026-11-22T10:00:00Z');
    const state = fail(3, now);
    expect(minutes(now, state.lockedUntil)).toBe(15);
    expect(claimAttempt(state, new Date(now.getTime() + 60_000), settings)).toEqual({
      allowed: false,
      retryAfterSeconds: 14 * 60,
    });
  });

  it('doubles the lock with every further failure once the lock has passed', () => {
    let now = at('2026-11-22T10:00:00Z');
    let state = fail(3, now);
    const locks: number[] = [minutes(now, state.lockedUntil)];
    for (let i = 0; i < 3; i++) {
      now = state.lockedUntil!;
      state = fail(1, now, state);
      locks.push(minutes(now, state.lockedUntil));
    }
    expect(locks).toEqual([15, 30, 60, 120]);
  });

  it('starts afresh a day after the last lock ended', () => {
    const now = at('2026-11-22T10:00:00Z');
    const locked = fail(3, now);
    const state = fail(1, locked.lockedUntil!, locked);
    const later = new Date(state.lockedUntil!.getTime() + 24 * 3_600_000);
    expect(fail(1, later, state)).toMatchObject({ failures: 1, lockedUntil: null });
  });
});

describe('lockAfter', () => {
  it('never locks longer than a day', () => {
    const now = at('2026-11-22T10:00:00Z');
    expect(minutes(now, lockAfter(40, now, settings))).toBe(24 * 60);
  });
});
