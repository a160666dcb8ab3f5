/** Failed sign-ins of one client for one account, as stored in `login_throttle`. */
export interface ThrottleState {
  failures: number;
  lastFailureAt: Date;
  lockedUntil: Date | null;
}

export interface ThrottleSettings {
  /** Failures from one client for one account before that pair is refused for a while. */
  maxFailures: number;
  /** The first refusal; each further failure doubles it, up to MAX_LOCK_MS. */
  lockMinutes: number;
}

export type AttemptDecision =
  | { allowed: true; next: ThrottleState }
  | { allowed: false; retryAfterSeconds: number };

/** Longest refusal: long enough to make guessing hopeless, short enough that a person gets back in. */
export const MAX_LOCK_MS = 24 * 3_600_000;
/** A pair that stayed quiet this long after its last failure or lock starts afresh. */
export const FORGET_AFTER_MS = 24 * 3_600_000;

/**
 * Decides whether a client may try a password for an account now. Every attempt counts as a
 * failure before the password is checked (a success then clears the row), so parallel guesses
 * cannot slip past the limit: the attempt that reaches the limit already sets the lock.
 */
export function claimAttempt(
  state: ThrottleState | undefined,
  now: Date,
  settings: ThrottleSettings,
): AttemptDecision {
  if (state?.lockedUntil && state.lockedUntil > now) {
    return {
      allowed: false,
      retryAfterSeconds: Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000),
    };
  }
  const failures = (state && !isForgotten(state, now) ? state.failures : 0) + 1;
  return {
    allowed: true,
    next: { failures, lastFailureAt: now, lockedUntil: lockAfter(failures, now, settings) },
  };
}

/** The lock set by the given failure count: none below the limit, then doubling from lockMinutes. */
export function lockAfter(failures: number, now: Date, settings: ThrottleSettings): Date | null {
  const over = failures - settings.maxFailures;
  if (over < 0) return null;
  const firstMs = settings.lockMinutes * 60_000;
  const ms = Math.min(firstMs * 2 ** Math.min(over, 30), Math.max(MAX_LOCK_MS, firstMs));
  return new Date(now.getTime() + ms);
}

function isForgotten(state: ThrottleState, now: Date): boolean {
  const quietSince = Math.max(state.lastFailureAt.getTime(), state.lockedUntil?.getTime() ?? 0);
  return now.getTime() - quietSince >= FORGET_AFTER_MS;
}
