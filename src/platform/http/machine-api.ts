import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../clock/index.ts';
import { type FailedAuthLimit, failedAuthLimit } from './failed-auth-limit.ts';

/** The request's bearer token (`Authorization: Bearer <token>`), if it sends one. */
export const bearerOf = (req: FastifyRequest): string | undefined =>
  /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];

export interface MachineApi {
  /** The `config` of its routes: public to the staff auth hook, rate limited per token, refusing 401. */
  route: {
    public: true;
    rateLimit: { max: number; timeWindow: number; keyGenerator: (req: FastifyRequest) => string };
    refuses: readonly [401];
  };
  /** The count of failed tokens per address, for a route that looks its token up itself. */
  guessing: FailedAuthLimit;
  /**
   * The machine the request's bearer token names (`lookup`), or undefined; a token that fails counts
   * against the caller's address (see `failedAuthLimit`).
   */
  authenticate<T>(
    req: FastifyRequest,
    lookup: (token: string | undefined) => Promise<T | undefined>,
  ): Promise<T | undefined>;
}

/**
 * What an API called by machines (coffee machines, prepaid meters) sets on its Fastify plugin, and
 * on the plugins it registers after: each request logged only at warn and above (a fleet calls every
 * few seconds, and errors are still logged), a rate limit per token rather than per address (a fleet
 * behind one NAT is not one client), and one count of failed tokens per address for all its routes.
 * `name` keeps its rate-limit keys apart from other APIs'.
 */
export function machineApi(
  app: FastifyInstance,
  options: { name: string; callsPerMinute: number; failedAuthPerMinute: number; clock: Clock },
): MachineApi {
  // Fastify fills an unset level with '' (inherit) before onRoute hooks run, hence `||=`, not `??=`.
  app.addHook('onRoute', (route) => {
    route.logLevel ||= 'warn';
  });
  const rateLimit = {
    max: options.callsPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req: FastifyRequest) =>
      `${options.name}:${createHash('sha256')
        .update(bearerOf(req) ?? req.ip)
        .digest('base64url')}`,
  };
  const guessing = failedAuthLimit(app, { maxPerMinute: options.failedAuthPerMinute, clock: options.clock });
  return {
    route: { public: true, rateLimit, refuses: [401] as const },
    guessing,
    authenticate(req, lookup) {
      const token = bearerOf(req);
      return guessing.authenticate(req, token, () => lookup(token));
    },
  };
}
