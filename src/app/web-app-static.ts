import { existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

export interface WebAppStaticOptions {
  /**
   * A browser app built by Vite into `web/<app>/dist`: the console, or one an enabled module
   * declares (`webApps`: the scanner, the portal).
   */
  app: string;
  /** Folder of the built app (default `web/<app>/dist`). */
  root?: string;
}

/**
 * Serves a built browser app at `/<app>/`. Hashed files under `assets/` are cached for a year; the
 * page, the web app manifest and the service worker are revalidated on every load so updates reach
 * phones; any other path answers `index.html` so deep links work after a reload. A service worker at
 * `/<app>/sw.js` gets the `/<app>/` scope.
 */
export const webAppStatic: FastifyPluginAsync<WebAppStaticOptions> = async (app, options) => {
  const name = options.app;
  const root = options.root ?? fileURLToPath(new URL(`../../web/${name}/dist`, import.meta.url));
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

  const page = { schema: { hide: true }, config: { public: true }, exposeHeadRoute: true };
  app.get(`/${name}`, page, (_req, reply) => reply.redirect(`/${name}/`));
  app.get(`/${name}/*`, page, (req, reply) => {
    const rel = decodeURIComponent((req.params as { '*': string })['*'] ?? '');
    if (rel && rel !== 'index.html' && isFile(rel)) {
      const immutable = rel.startsWith('assets/');
      if (!immutable) reply.header('cache-control', 'no-cache');
      if (rel.endsWith('.webmanifest')) reply.type('application/manifest+json');
      return reply.sendFile(rel, root, {
        maxAge: immutable ? 365 * 24 * 3600 * 1000 : 0,
        immutable,
        cacheControl: immutable,
      });
    }
    if (rel.startsWith('assets/') || rel === 'sw.js') return reply.callNotFound();
    if (!existsSync(join(root, 'index.html'))) {
      return reply
        .status(503)
        .type('application/problem+json')
        .send({
          type: `urn:opsdesk:problem:${name}_not_built`,
          title: `The ${name} is not built`,
          status: 503,
          code: `${name}_not_built`,
          detail: 'Run `npm run build:web` (or start with `npm start`, which builds it when stale).',
        });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', root, { cacheControl: false });
  });
};
