import swagger from '@fastify/swagger';
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Fastify from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from './problem.schema.ts';
import { PROBLEM_CONTENT_TYPE } from './problem.ts';
import { problemAnswersOf } from './problem-answers.rules.ts';
import type { HttpServerOptions } from './server.options.ts';

/**
 * The OpenAPI 3.1 document built from the routes' zod schemas (`/api/openapi.json`), every error
 * answer listed, and the API reference page that reads it (`/api/docs`).
 */
export async function registerOpenApi(
  app: FastifyInstance,
  options: Pick<HttpServerOptions, 'version' | 'describeOperation'>,
): Promise<void> {
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
