import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  LogController,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { PlatformErrors } from '../errors/index.ts';
import { canonicalPathProblem } from './canonical-path.rules.ts';
import { LOG_REDACT_PATHS } from './log-redact.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { registerOpenApi } from './openapi.ts';
import { registerProbes } from './probes.ts';
import { sendProblem, toProblem } from './problem.ts';
import type { RefusalStatus } from './problem-answers.rules.ts';
import { strictQueryCompiler } from './query-params.ts';
import { WITHOUT_DEFAULT_COMPILERS } from './schema-compilers.ts';
import type { HttpServerOptions, OperationDescription } from './server.options.ts';

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

export type { HttpServerOptions, OperationDescription };

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;
/** An answer slower than this is worth a line at the default level. */
const SLOW_REQUEST_MS = 2_000;

/**
 * A HEAD is routed as its GET (issue 55 item 10: it answered 404 on every GET route, no HEAD twin being
 * registered). Node's response already knows the request was a HEAD when this runs, so it sends the
 * GET's status and headers and drops the body.
 */
function routeHeadAsGet(server: Server): void {
  server.prependListener('request', (req: IncomingMessage) => {
    if (req.method === 'HEAD') req.method = 'GET';
  });
}

/** The caller's `x-request-id` where it is a sane one, else a new id. */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * An answer given while the server closes ends its connection: kept alive, that idle socket held
 * close() open for the keep-alive timeout (72 s), as a provider's callback in flight at shutdown did.
 */
function endConnectionsWhenClosing(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
}

/** A JSON body, its raw bytes kept on the request (webhook signatures are over them); bad JSON is a 400. */
function parseJson(
  req: FastifyRequest,
  body: string | Buffer,
  done: (err: Error | null, value?: unknown) => void,
) {
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
}

/**
 * The HTTP kit every route plugs into: request ids, problem+json for every error, JSON with the
 * raw body kept, OpenAPI 3.1 from the zod schemas, security headers, CORS, rate limits, metrics
 * and health probes. Knows nothing of the business.
 */
export async function createHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const app = Fastify({
    logger: { level: options.logLevel, redact: LOG_REDACT_PATHS },
    // One line per request at info was 8,627 lines in 45 minutes of one person's use: each answer is
    // logged at debug below (slow ones at warn), and refusals and failures by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: options.trustProxy,
    bodyLimit: options.bodyLimitBytes ?? 2 * 1024 * 1024,
    requestIdHeader: false,
    // No HEAD twin registered for every GET (the twins were a third of route registration at start):
    // a HEAD is answered as its GET without the body instead (routeHeadAsGet).
    exposeHeadRoutes: false,
    genReqId: requestIdOf,
    // Errors raised before routing (a path that is not valid UTF-8, say) are problems like any other.
    frameworkErrors: (error, req, reply) => sendProblem(reply, toProblem(error, req)),
    schemaController: WITHOUT_DEFAULT_COMPILERS, // the zod ones, just below
  }).withTypeProvider<ZodTypeProvider>();

  routeHeadAsGet(app.server);
  app.setValidatorCompiler(strictQueryCompiler);
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
  endConnectionsWhenClosing(app);
  measureEveryAnswer(app, metrics);

  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, parseJson);
  app.addContentTypeParser(/^application\/[\w.+-]*\+json$/, { parseAs: 'buffer' }, parseJson);

  answerFailuresAsProblems(app);
  await registerProtections(app, options);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 5, fields: 50 } });
  await registerOpenApi(app, options);
  registerProbes(app, options, metrics);
  return app;
}

/** Every answer counted and timed by route, and logged at debug (a slow one at warn). */
function measureEveryAnswer(app: HttpServer, metrics: Metrics): void {
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    metrics.latency.observe({ method: req.method, route }, reply.elapsedTime / 1000);
    const line = {
      method: req.method,
      url: req.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    };
    if (reply.elapsedTime >= SLOW_REQUEST_MS) req.log.warn(line, 'slow request');
    else req.log.debug(line, 'request answered');
  });
}

/** A refusal or failure anywhere, and a path no route serves, answer problem+json. */
function answerFailuresAsProblems(app: HttpServer): void {
  app.setErrorHandler((error, req, reply) => {
    const problem = toProblem(error, req);
    // An unreachable database (a failover) is the server's state, not a fault in this request.
    if (problem.code === 'unavailable') req.log.warn({ err: (error as Error).message }, 'request failed');
    else if (problem.status >= 500) req.log.error({ err: error }, 'request failed');
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
}

/** The browser's protections (CSP and the other security headers), CORS, and the global rate limit. */
async function registerProtections(app: HttpServer, options: HttpServerOptions): Promise<void> {
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
}
