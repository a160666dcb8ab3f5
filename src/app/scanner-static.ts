import { existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

export const SCANNER_DIST = fileURLToPath(new URL('../../web/scanner/dist', import.meta.url));

export interface ScannerStaticOptions {
  /** Folder of the built scanner (default `web/scanner/dist`). */
  root?: string;
}

/**
 * Serves the mess scanner PWA at `/scanner/`. Hashed assets are cached for a year; the page, the
 * web app manifest and the service worker are revalidated on every load so updates reach phones.
 * `sw.js` lives at `/scanner/sw.js`, which gives the worker the `/scanner/` scope.
 */
export const scannerStatic: FastifyPluginAsync<ScannerStaticOptions> = async (app, options) => {
  const root = options.root ?? SCANNER_DIST;
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

  app.get('/scanner', { schema: { hide: true } }, (_req, reply) => reply.redirect('/scanner/'));
  app.get('/scanner/*', { schema: { hide: true } }, (req, reply) => {
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
      return reply.status(503).type('application/problem+json').send({
        type: 'urn:opsdesk:problem:scanner_not_built',
        title: 'Scanner not built',
        status: 503,
        code: 'scanner_not_built',
        detail:
          'Run `node --import tsx scripts/build-console-if-stale.ts` (or `npm start`, which builds it when stale).',
      });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', root, { cacheControl: false });
  });
};
