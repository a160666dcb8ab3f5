import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyContextConfig,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlatformErrors } from '../errors/index.ts';
import { canonicalPathProblem } from './canonical-path.rules.ts';
import { LOG_REDACT_PATHS } from './log-redact.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { PROBLEM_CONTENT_TYPE, problemSchema, sendProblem, toProblem } from './problem.ts';
import { problemAnswersOf, type RefusalStatus } from './problem-answers.rules.ts';
import { WITHOUT_DEFAULT_COMPILERS } from './schema-compilers.ts';

export type HttpServer = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyRequest {
    /** The exact bytes of the body; webhook signatures are computed over them. */
    rawBody?: Buffer;
  }
  interface FastifyInstance {
    metrics: Metrics;
  }
  interface FastifyContextConfig {
    /**
     * A route anyone may call (sign-in, webhooks, health, static apps). Every other route is
     * private: the auth hook decides on this flag of the matched route, never on the URL text.
     */
    public?: boolean;
    /**
     * Statuses the route's use case refuses with besides the kit's own answers (bad input, sign-in,
     * CSRF, not found, rate limit), so the OpenAPI document lists every error answer.
     */
    refuses?: ReadonlyArray<RefusalStatus>;
  }
}

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

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The HTTP kit every route plugs into: request ids, problem+json for every error, JSON with the
 * raw body kept, OpenAPI 3.1 from the zod schemas, security headers, CORS, rate limits, metrics
 * and health probes. Knows nothing of the business.
 */
export async function createHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const app = Fastify({
    logger: { level: options.logLevel, redact: LOG_REDACT_PATHS },
    trustProxy: options.trustProxy,
    bodyLimit: options.bodyLimitBytes ?? 2 * 1024 * 1024,
    requestIdHeader: false,
    // No automatic HEAD twin for every GET: the API's clients never send HEAD, and the twins were a
    // third of route registration at start. Probes and the web apps' files still answer HEAD.
    exposeHeadRoutes: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // Errors raised before routing (a path that is not valid UTF-8, say) are problems like any other.
    frameworkErrors: (error, req, reply) => sendProblem(reply, toProblem(error, req)),
    schemaController: WITHOUT_DEFAULT_COMPILERS, // the zod ones, just below
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const metrics = createMetrics();
  app.decorate('metrics', metrics);

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // `/%61pi/users` is `/api/users` to the router: one spelling per path, so nothing downstream
    // (rate limits, logs, proxies' rules) can be told one path and route another.
    const problem = canonicalPathProblem(req.url);
    if (problem)
      throw PlatformErrors.non_canonical_path({ path: problem.path }, { message: problem.message });
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    metrics.latency.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });

  app.removeContentTypeParser(['application/json', 'text/plain']);
  const parseJson = (
    req: FastifyRequest,
    body: string | Buffer,
    done: (err: Error | null, value?: unknown) => void,
  ) => {
    const raw = body as Buffer;
    req.rawBody = raw;
    if (raw.length === 0) return done(null, undefined);
    try {
      done(null, JSON.parse(raw.toString('utf8')));
    } catch (err) {
      done(
        PlatformErrors.bad_json({}, { message: `The body is not valid JSON: ${(err as Error).message}` }),
        undefined,
      );
    }
  };
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, parseJson);
  app.addContentTypeParser(/^application\/[\w.+-]*\+json$/, { parseAs: 'buffer' }, parseJson);

  app.setErrorHandler((error, req, reply) => {
    const problem = toProblem(error, req);
    if (problem.status >= 500) req.log.error({ err: error }, 'request failed');
    else req.log.info({ code: problem.code }, 'request refused');
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((req, reply) =>
    sendProblem(
      reply,
      toProblem(
        PlatformErrors.route_not_found({}, { message: `No route ${req.method} ${req.url.split('?')[0]}` }),
        req,
      ),
    ),
  );

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        workerSrc: ["'self'", 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cors, {
    origin: options.corsOrigins.length ? options.corsOrigins : false,
    credentials: true,
    exposedHeaders: ['x-request-id', 'content-disposition', 'x-total-count'],
  });
  await app.register(rateLimit, {
    global: true,
    max: options.rateLimitPerMinute,
    timeWindow: 60_000,
    allowList: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics',
    errorResponseBuilder: (_req, ctx) =>
      PlatformErrors.rate_limited(
        { retryAfterSeconds: Math.ceil(ctx.ttl / 1000) },
        { message: `Rate limit of ${ctx.max} per ${ctx.after} reached` },
      ),
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 5, fields: 50 } });
  // The API reference page's own routes (registered by its plugin) are public like the document.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, public: true };
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Opsdesk API',
        version: options.version,
        description: 'Every route of the Opsdesk backoffice.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'opsdesk_session' },
          csrf: {
            type: 'apiKey',
            in: 'header',
            name: 'x-csrf-token',
            description:
              'With the session cookie, every request but GET/HEAD/OPTIONS sends the CSRF token of `GET /api/auth/session`',
          },
          token: {
            type: 'http',
            scheme: 'bearer',
            description: 'API token created in the console (shown once)',
          },
        },
      },
    },
    transform: (input) => {
      const config = (input.route.config ?? {}) as FastifyContextConfig;
      const method = String(input.route.method);
      const safe = ['GET', 'HEAD', 'OPTIONS'].includes(method);
      const session: Record<string, string[]> = safe ? { session: [] } : { session: [], csrf: [] };
      const security = config.public ? [] : [session, { token: [] }];
      const described = options.describeOperation?.(config) ?? {};
      const { body, querystring, params, headers } = input.schema ?? {};
      const answers = problemAnswersOf({
        method,
        isPublic: config.public === true,
        validatesInput: Boolean(body || querystring || params || headers),
        hasPathParams: input.url.includes(':'),
        refuses: config.refuses,
        extra: described.answers,
      });
      // Every error answer is the one problem schema (a component, see problem.ts). Documentation only:
      // the route's own schema, not this copy, serializes its answers.
      const response = withSuccess(input.schema?.response as Record<string, unknown> | undefined);
      for (const [status, description] of Object.entries(answers))
        response[status] = { description, content: { [PROBLEM_MEDIA_TYPE]: { schema: problemSchema } } };
      const out = jsonSchemaTransform({ ...input, schema: { ...input.schema, response } });
      return { ...out, schema: { ...out.schema, security, ...described.fields } };
    },
    transformObject: jsonSchemaTransformObject,
  });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async () =>
    app.swagger(),
  );
  // The API reference page: Scalar's plugin is a 4 MB file, so it is loaded with the page's first
  // visit, not at start, on a small server of its own that this server's routes hand the request to.
  let docsServer: Promise<FastifyInstance> | undefined;
  const docsPage = async (req: FastifyRequest, reply: FastifyReply) => {
    docsServer ??= (async () => {
      const { default: scalar } = await import('@scalar/fastify-api-reference');
      const docs = Fastify({ logger: false });
      // No web fonts from Scalar's CDN: the page must work offline and under our CSP.
      await docs.register(scalar, {
        routePrefix: '/api/docs',
        configuration: { url: '/api/openapi.json', withDefaultFonts: false },
      });
      return docs;
    })();
    const answer = await (await docsServer).inject({ method: 'GET', url: req.url });
    for (const name of ['content-type', 'location', 'content-disposition'] as const) {
      const value = answer.headers[name];
      if (value !== undefined) reply.header(name, value);
    }
    return reply.code(answer.statusCode).send(answer.rawPayload);
  };
  const docsRoute = { schema: { hide: true }, config: { public: true } } as const;
  app.get('/api/docs', docsRoute, docsPage);
  app.get('/api/docs/*', docsRoute, docsPage);
  // The API reference page boots with one inline script; it shows no user data, so only it may run inline code.
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/api/docs')) {
      reply.header(
        'content-security-policy',
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'",
      );
    }
    return payload;
  });

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
  return app;
}

const PROBLEM_MEDIA_TYPE = PROBLEM_CONTENT_TYPE.split(';')[0]!;
const UNDESCRIBED_SUCCESS = z.null().describe('Success (a file, a CSV or an empty body)');

/**
 * The documented responses of a route, with a success entry even when the route declares none
 * (files, CSV, webhooks): once error answers are listed, swagger no longer adds its default one.
 */
function withSuccess(response: Record<string, unknown> | undefined): Record<string, unknown> {
  const out = { ...response };
  if (!Object.keys(out).some((status) => status.startsWith('2'))) out[200] = UNDESCRIBED_SUCCESS;
  return out;
}

/** Constant-time comparison of two tokens of any length (hashed first, so lengths leak nothing). */
function sameToken(given: string, expected: string): boolean {
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
