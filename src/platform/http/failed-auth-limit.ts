import type {} from '@fastify/rate-limit'; // its `createRateLimit` on the Fastify instance
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../clock/index.ts';
import { PlatformErrors } from '../errors/index.ts';
import { sha256Hex } from '../ids/index.ts';

/** A credential that worked skips its address's limit this long after it last worked. */
const TRUSTED_FOR_MS = 3_600_000;
/** A credential that failed is counted again only after this long (the limit's window). */
const WINDOW_MS = 60_000;
/** Credentials remembered per limit, either way; the oldest are forgotten first. */
const REMEMBERED = 10_000;

export interface FailedAuthLimit {
  /**
   * Authenticates the request's credential with `lookup` (undefined: it failed). A credential that
   * failed counts against the caller's address, once per window however often it is sent again (a
   * revoked machine retrying counts once; a guesser's every new guess counts). Past the limit the
   * address is answered 429 `rate_limited` with Retry-After, before anything is looked up, for
   * every credential but those that worked lately: a success is never counted nor delayed.
   */
  authenticate<T>(
    req: FastifyRequest,
    credential: string | undefined,
    lookup: () => Promise<T | undefined>,
  ): Promise<T | undefined>;
  /** The same refusal alone, before a route's own first lookup by the credential (a one-statement heartbeat). */
  admit(req: FastifyRequest, credential: string | undefined): Promise<void>;
  /** Tells the limit the credential just worked, when the route learnt it by such a lookup. */
  worked(credential: string | undefined): void;
}

/**
 * The one limit on guessing a credential (device and meter tokens, staff sessions and API tokens),
 * per address, on @fastify/rate-limit's store like every other limit of the app: its window and
 * Retry-After come from that store's clock (the process's). What the limit remembers of single
 * credentials runs on `clock`. Each call makes a counter of its own: one per surface.
 */
export function failedAuthLimit(
  app: Pick<FastifyInstance, 'createRateLimit'>,
  options: { maxPerMinute: number; clock: Clock },
): FailedAuthLimit {
  const count = app.createRateLimit({ max: options.maxPerMinute, timeWindow: WINDOW_MS });
  const trusted = new Memory(options.clock);
  const failed = new Memory(options.clock);
  const keyOf = (credential: string | undefined) => sha256Hex(credential ?? '');
  const refusal = (ttlInSeconds: number) =>
    PlatformErrors.rate_limited(
      { retryAfterSeconds: Math.max(1, ttlInSeconds) },
      { message: `More than ${options.maxPerMinute} failed authentications from this address in a minute` },
    );

  async function admit(req: FastifyRequest, credential: string | undefined): Promise<void> {
    if (trusted.has(keyOf(credential))) return;
    const state = await count(req, { increment: false });
    if (!state.isAllowed && state.isExceeded) throw refusal(state.ttlInSeconds);
  }

  return {
    admit,
    worked(credential) {
      if (credential) trusted.remember(keyOf(credential), TRUSTED_FOR_MS);
    },
    async authenticate(req, credential, lookup) {
      await admit(req, credential);
      const found = await lookup();
      const key = keyOf(credential);
      if (found !== undefined) {
        if (credential) trusted.remember(key, TRUSTED_FOR_MS);
        return found;
      }
      trusted.forget(key);
      const seen = `${req.ip} ${key}`;
      if (failed.has(seen)) return undefined;
      failed.remember(seen, WINDOW_MS);
      const state = await count(req);
      if (!state.isAllowed && state.isExceeded) throw refusal(state.ttlInSeconds);
      return undefined;
    },
  };
}

/** Keys remembered until a time, at most REMEMBERED of them (a Map keeps insertion order). */
class Memory {
  private readonly until = new Map<string, number>();
  constructor(private readonly clock: Clock) {}

  has(key: string): boolean {
    const until = this.until.get(key);
    if (until === undefined) return false;
    if (until > this.clock.now().getTime()) return true;
    this.until.delete(key);
    return false;
  }

  remember(key: string, forMs: number): void {
    this.until.delete(key);
    this.until.set(key, this.clock.now().getTime() + forMs);
    if (this.until.size > REMEMBERED) this.until.delete(this.until.keys().next().value!);
  }

  forget(key: string): void {
    this.until.delete(key);
  }
}
