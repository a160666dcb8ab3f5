import type { FastifyContextConfig } from 'fastify';

/** What the caller's areas add to an operation's OpenAPI entry, from its route config. */
export interface OperationDescription {
  /** Extra fields of the operation, e.g. `x-permission`. */
  fields?: Record<string, unknown>;
  /** Error answers by status, e.g. 403 for a permission the route needs. */
  answers?: Record<number, string>;
}

export interface HttpServerOptions {
  logLevel: string;
  corsOrigins: string[];
  rateLimitPerMinute: number;
  trustProxy: boolean;
  /** Resolves when dependencies (database) answer; `/readyz` reports it. */
  ready: () => Promise<void>;
  version: string;
  bodyLimitBytes?: number;
  /** Bearer token `/metrics` asks for; without one the endpoint is off (it names routes and load). */
  metricsToken?: string;
  /** What an operation's OpenAPI entry says beyond the kit's, from its route config (e.g. the permission it needs). */
  describeOperation?: (config: FastifyContextConfig) => OperationDescription;
}
