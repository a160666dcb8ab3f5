import type { FastifyRequest } from 'fastify';

/**
 * The address people and gateways reach this deployment at, for URLs it hands out (a callback URL to
 * paste into a provider's dashboard): OPSDESK_PUBLIC_URL when set, else the address the request came
 * to (the demo on 127.0.0.1), never a bare path a provider's form would refuse.
 */
export function publicBaseUrl(req: Pick<FastifyRequest, 'protocol' | 'host'>, configured?: string): string {
  return (configured ?? `${req.protocol}://${req.host}`).replace(/\/+$/, '');
}
