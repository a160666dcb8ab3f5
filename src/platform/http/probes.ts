import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { PlatformErrors } from '../errors/index.ts';
import type { Metrics } from './metrics.ts';
import type { HttpServerOptions } from './server.options.ts';

/** Health and readiness probes for load balancers, and `/metrics` for Prometheus behind its own token. */
export function registerProbes(
  app: FastifyInstance,
  options: Pick<HttpServerOptions, 'ready' | 'metricsToken'>,
  metrics: Metrics,
): void {
  // Load balancers probe and Prometheus scrapes every few seconds: logged per request only at warn,
  // or an idle server's log would be nothing but probes; a failed readiness check says why.
  const probe = {
    schema: { hide: true },
    config: { public: true },
    logLevel: 'warn',
    exposeHeadRoute: true,
  } as const;
  app.get('/healthz', probe, async () => ({ status: 'ok' }));
  app.get('/readyz', probe, async (req, reply) => {
    try {
      await options.ready();
      return { status: 'ready' };
    } catch (err) {
      req.log.warn({ err }, 'not ready');
      return reply
        .status(503)
        .type('application/problem+json')
        .send({
          type: `urn:opsdesk:problem:${PlatformErrors.unavailable.code}`,
          title: 'Not ready',
          status: 503,
          code: PlatformErrors.unavailable.code,
          detail: (err as Error).message,
        });
    }
  });
  // Public to the auth hook (it is not a staff route) but guarded by its own bearer token.
  app.get('/metrics', probe, async (req, reply) => {
    if (!options.metricsToken) {
      throw PlatformErrors.metrics_disabled({}, { message: 'Set OPSDESK_METRICS_TOKEN to serve /metrics' });
    }
    const given = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    if (!sameToken(given, options.metricsToken)) {
      throw PlatformErrors.unauthenticated(
        {},
        { message: 'GET /metrics needs the bearer token of OPSDESK_METRICS_TOKEN' },
      );
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}

/** Constant-time comparison of two tokens of any length (hashed first, so lengths leak nothing). */
function sameToken(given: string, expected: string): boolean {
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
