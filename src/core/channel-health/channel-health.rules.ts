/** A failed send as the account keeps it: an error code and the channel's own words. */
export interface SendFailure {
  code: string;
  message: string;
}

/** Failed sends in a row on one organization's account after which its owner and admins are told. */
export const FAILURES_BEFORE_ALERT = 5;

/** The longest message a failure keeps: enough for any channel's error, never a whole HTML page. */
const FAILURE_MESSAGE_MAX = 500;

/** What the database keeps of one organization's account on one channel. */
export interface AccountState {
  channel: string;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  lastFailure: SendFailure | null;
  failuresInRow: number;
  /** When the current run of failures began; null while sends go out. */
  failingSince: Date | null;
  /** Since when staff are told it keeps failing; null once a send went out. */
  alertedAt: Date | null;
}

/**
 * How an account is doing: `unknown` before anything was sent through it, `ok` when its last send
 * went out, `failing` when its last sends failed, `down` once that happened FAILURES_BEFORE_ALERT
 * times in a row (its owner and admins are told).
 */
export type AccountStatus = 'unknown' | 'ok' | 'failing' | 'down';

export function accountStatus(state: AccountState | undefined): AccountStatus {
  if (!state || (state.lastSuccessAt === null && state.lastFailureAt === null)) return 'unknown';
  if (state.alertedAt !== null) return 'down';
  return state.failuresInRow > 0 ? 'failing' : 'ok';
}

/**
 * A failed send as kept: its code (`send_failed` when the error has none) and its message cut short,
 * or `words` instead when given (the message with a one-time secret masked).
 */
export function sendFailureOf(err: unknown, words?: string): SendFailure {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  const message = words ?? (typeof e?.message === 'string' && e.message !== '' ? e.message : String(err));
  return {
    code: typeof e?.code === 'string' ? e.code : 'send_failed',
    message: message.slice(0, FAILURE_MESSAGE_MAX),
  };
}
