/**
 * The code a channel's HTTP client gives a call that failed before any byte of it was written to its
 * connection (a kept-alive connection the server had closed: Telegram's, `telegram.http.ts`).
 */
export const REQUEST_NOT_WRITTEN = 'ERR_REQUEST_NOT_WRITTEN';

/**
 * Network errors raised before any byte of the request left: nothing can have reached the channel,
 * so sending again is safe. Any other failure after connecting (a reset, a socket closed, a timeout)
 * may come after the channel took the message, unless the client saw that nothing of it was written.
 */
const NOTHING_WRITTEN = new Set([
  REQUEST_NOT_WRITTEN,
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_INVALID_URL',
]);

/** The error codes along `err`'s cause chain (fetch wraps the socket's error; grammY wraps fetch's). */
function codesOf(err: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const e = current as { code?: unknown; errno?: unknown; cause?: unknown; error?: unknown };
    for (const code of [e.code, e.errno]) if (typeof code === 'string') codes.push(code);
    current = e.cause ?? e.error;
  }
  return codes;
}

/** True when the request never left this machine (connection refused, no such host). */
export function failedBeforeSending(err: unknown): boolean {
  return codesOf(err).some((code) => NOTHING_WRITTEN.has(code));
}

/**
 * Thrown by a send's `beforeRequest` (`SendOptions`) to stop it before any byte of it was written: the
 * reply was taken by another process (`taken`), or its channel holds the account or the person until
 * `heldUntil` (`held`).
 */
export class SendNotBegun extends Error {
  constructor(
    readonly reason: 'taken' | 'held',
    readonly heldUntil: Date | null = null,
  ) {
    super(reason === 'held' ? `the channel holds this send until ${heldUntil?.toISOString()}` : 'taken');
  }
}

/** The `SendNotBegun` along `err`'s cause chain (a channel's client may wrap it), if any. */
export function notBegunOf(err: unknown): SendNotBegun | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    if (current instanceof SendNotBegun) return current;
    const e = current as { cause?: unknown; error?: unknown };
    current = e.cause ?? e.error;
  }
  return undefined;
}
