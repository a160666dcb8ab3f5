/**
 * Errors are codes. Each area declares its codes once (`defineErrors('raffle', {...})` in its
 * `*.errors.ts`) and throws `RaffleErrors.tickets_unavailable({ numbers })`; the error carries
 * its code, HTTP status and title, and the HTTP kit turns it into RFC 9457 problem+json.
 */
export { AppError, type AppErrorOptions, type ErrorSpec, type FieldIssue, isAppError } from './app-error.ts';
export {
  type CodeOf,
  type DeclaredErrors,
  defineErrors,
  type ErrorKind,
  type ErrorMessages,
  type ErrorTable,
  type LocalCodeOf,
} from './define-errors.ts';
export { PlatformErrors } from './platform-errors.ts';

/** True when a PostgreSQL error is a unique violation (optionally on a named constraint). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

/**
 * True when PostgreSQL gave up waiting for a lock: `lock_timeout` ran out (55P03) or it broke a
 * deadlock by failing this transaction (40P01). Either way nothing was written and trying again
 * later may work: the HTTP kit answers `busy` (409).
 */
export function isLockWaitFailure(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '55P03' || code === '40P01';
}

/**
 * True when PostgreSQL refused text it cannot store: a NUL character (22021, "invalid byte sequence
 * for encoding UTF8: 0x00") or one it cannot translate (22P05). Nothing was written; the input was at
 * fault, not the server: the HTTP kit answers a 400.
 */
export function isUnstorableText(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '22021' || code === '22P05';
}
