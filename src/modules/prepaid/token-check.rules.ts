import {
  type LocatedToken,
  MAX_TOKEN_JUMP,
  MAX_TOKEN_JUMP_COUNTER_SYNC,
  MAX_UNUSED_OLDER_TOKENS,
} from './openpaygo/openpaygo.ts';

/** What staff are told about a typed token. */
export type TokenCheckStatus = 'valid' | 'already_used' | 'invalid' | 'expired';

/**
 * Why, in one word: `keyed_in` (the meter reported taking it), `superseded` (the meter took a later
 * token and this one is outside the window OpenPAYGO keeps older unused tokens in), `too_far_ahead`
 * (the meter looks only 64 counts past the last token it took: earlier tokens must go in first),
 * `not_this_meter` (no count of this meter's key makes this token), `before_import` (the original
 * system sold it before the switch and credited the meter then; `opsdesk import prepaid`), `expired`
 * (never keyed in, and past the validity it was issued with: issue 66).
 */
export type TokenCheckReason =
  | 'keyed_in'
  | 'superseded'
  | 'too_far_ahead'
  | 'not_this_meter'
  | 'before_import'
  | 'expired';

/** What the meter itself has told us through its reports; null when it never reported. */
export interface ReportedMeterState {
  /** The highest count it has accepted. */
  reportedCount: number;
  /** Every count it reported taking. */
  keyedIn: ReadonlySet<number>;
}

/**
 * How a meter in the reported state treats a genuine token of its own (OpenPAYGO's decoder rules,
 * `token_decode.py`): a count it took is used; a later count is accepted up to 64 ahead (100 for a
 * counter sync); an older Add Time token is still accepted within the last 16 counts if never taken.
 * A meter that never reported is assumed to take any of its tokens it has not reported taking.
 */
export function judgeToken(
  found: LocatedToken | undefined,
  meter: ReportedMeterState | null,
): { status: TokenCheckStatus; reason: TokenCheckReason | null } {
  if (!found) return { status: 'invalid', reason: 'not_this_meter' };
  if (meter?.keyedIn.has(found.count)) return { status: 'already_used', reason: 'keyed_in' };
  if (!meter) return { status: 'valid', reason: null };
  const last = meter.reportedCount;
  if (found.count > last) {
    const jump = found.type === 'COUNTER_SYNC' ? MAX_TOKEN_JUMP_COUNTER_SYNC : MAX_TOKEN_JUMP;
    return found.count > last + jump
      ? { status: 'invalid', reason: 'too_far_ahead' }
      : { status: 'valid', reason: null };
  }
  const stillOpen = found.type === 'ADD_TIME' && found.count > last - MAX_UNUSED_OLDER_TOKENS;
  return stillOpen ? { status: 'valid', reason: null } : { status: 'already_used', reason: 'superseded' };
}

/**
 * A token the meter would take, never keyed in, past its validity (`expires_at`) is reported expired
 * (issue 66): the vendor no longer stands behind it and its money may go back. The meter is not told
 * (an OpenPAYGO token carries no date), so a used or refused token is judged as the meter judges it.
 */
export function withValidity(
  judged: { status: TokenCheckStatus; reason: TokenCheckReason | null },
  expiresAt: Date | null | undefined,
  now: Date,
): { status: TokenCheckStatus; reason: TokenCheckReason | null } {
  return judged.status === 'valid' && expiresAt && expiresAt.getTime() <= now.getTime()
    ? { status: 'expired', reason: 'expired' }
    : judged;
}
