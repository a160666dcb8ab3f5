import { dirname, resolve } from 'node:path';
import type { Plugin } from 'vite';

/**
 * The build side of the kit, for the Vite configs of the scanner and the portal: a page of theirs
 * (`web/portal/index.html`, `web/scanner/index.html` and `booth.html`) loads its module's browser
 * app from `src/modules/<m>/<name>-app/` with a relative `src="../../src/…"`. The build follows that path; the
 * dev server would ask for it under its own root, so there it is rewritten to Vite's `/@fs/` path.
 */
export function modulePages(): Plugin {
  return {
    name: 'opsdesk-module-pages',
    apply: 'serve',
    transformIndexHtml: {
      order: 'pre',
      handler: (html, ctx) =>
        html.replace(
          /src="(\.\.\/[^"]+)"/g,
          (_match, path: string) => `src="/@fs${resolve(dirname(ctx.filename), path)}"`,
        ),
    },
  };
}
