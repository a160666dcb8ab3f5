import { existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

export const CONSOLE_DIST = fileURLToPath(new URL('../../web/console/dist', import.meta.url));

export interface ConsoleStaticOptions {
  /** Folder of the built console (default `web/console/dist`). */
  root?: string;
}

/**
 * Serves the built staff console at `/console/`: hashed assets cached for a year, every other
 * path answered with `index.html` so deep links (`/console/users/42`) work after a reload.
 * `/` redirects to the console. Build it with `npm run build:web`.
 */
export const consoleStatic: FastifyPluginAsync<ConsoleStaticOptions> = async (app, options) => {
  const root = options.root ?? CONSOLE_DIST;
  await app.register(fastifyStatic, { root, serve: false, decorateReply: true });

  const isFile = (rel: string) => {
    const full = normalize(join(root, rel));
    if (!full.startsWith(root + sep)) return false;
    try {
      return statSync(full).isFile();
    } catch {
      return false;
    }
  };

  app.get('/', { schema: { hide: true } }, (_req, reply) => reply.redirect('/console/'));
  app.get('/console', { schema: { hide: true } }, (_req, reply) => reply.redirect('/console/'));
  app.get('/console/*', { schema: { hide: true } }, (req, reply) => {
    const rel = decodeURIComponent((req.params as { '*': string })['*'] ?? '');
    if (rel && isFile(rel)) {
      const immutable = rel.startsWith('assets/');
      return reply.sendFile(rel, root, {
        maxAge: immutable ? 365 * 24 * 3600 * 1000 : 0,
        immutable,
        cacheControl: true,
      });
    }
    if (rel.startsWith('assets/')) return reply.callNotFound();
    if (!existsSync(join(root, 'index.html'))) {
      return reply.status(503).type('application/problem+json').send({
        type: 'urn:opsdesk:problem:console_not_built',
        title: 'Console not built',
        status: 503,
        code: 'console_not_built',
        detail: 'Run `npm run build:web` (or start with `npm start`, which builds it when stale).',
      });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', root);
  });
};
