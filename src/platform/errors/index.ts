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

/** SQLSTATEs of a server that went away or will not take this work now: class 08 and these. */
const UNREACHABLE_STATES = new Set([
  '57P01', // admin_shutdown: the server is stopping (a switchover demotes the primary)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, or in recovery
  '25006', // read_only_sql_transaction: the server reached is a standby now
]);
const UNREACHABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

/**
 * True when the database server could not be reached, or went away mid-request: its process was
 * killed, a failover or switchover is under way, the connection timed out. The request's
 * transaction did not commit (or its commit was not confirmed; a retry with the same key finds it
 * done), and trying again in a few seconds may work: the HTTP kit answers 503 with Retry-After.
 */
export function isDatabaseUnreachable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (code.startsWith('08') || UNREACHABLE_STATES.has(code) || UNREACHABLE_SOCKET_CODES.has(code))
    return true;
  if (code === 'NO_WRITABLE_SERVER') return true;
  // node-postgres's own words for a connection that ended under a query, or never opened in time.
  const message = typeof e?.message === 'string' ? e.message : '';
  return /^Connection terminated|^timeout exceeded when trying to connect|not queryable/.test(message);
}
