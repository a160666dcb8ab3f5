import type { FastifyRequest } from 'fastify';

/**
 * The address people and gateways reach this deployment at, for URLs it hands out (a callback URL to
 * paste into a provider's dashboard): OPSDESK_PUBLIC_URL when set, else the address the request came
 * to (the demo on 127.0.0.1), never a bare path a provider's form would refuse.
 */
export function publicBaseUrl(req: Pick<FastifyRequest, 'protocol' | 'host'>, configured?: string): string {
  return (configured ?? `${req.protocol}://${req.host}`).replace(/\/+$/, '');
}

/**
 * The address of this deployment where no request tells it (a job, a bot's button, the console's
 * action): OPSDESK_PUBLIC_URL when set, else the address `start` listens on (the demo), or undefined
 * when neither is known (a random port): a link is then left out, never sent broken.
 */
export function deploymentBaseUrl(config: {
  OPSDESK_PUBLIC_URL?: string | undefined;
  HOST: string;
  PORT: number;
}): string | undefined {
  if (config.OPSDESK_PUBLIC_URL) return config.OPSDESK_PUBLIC_URL.replace(/\/+$/, '');
  if (!config.PORT) return undefined;
  return `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
}
