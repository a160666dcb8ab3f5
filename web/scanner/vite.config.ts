import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { modulePages } from '../kit/module-pages.vite.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = join(root, 'dist');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/**
 * After the build, writes the precache list (every file but the worker itself) and a version hash
 * of their contents into `sw.js`, so any change to the app makes the browser install a new worker.
 */
function serviceWorkerManifest(): Plugin {
  return {
    name: 'opsdesk-scanner-sw-manifest',
    apply: 'build',
    closeBundle() {
      const swPath = join(outDir, 'sw.js');
      const files = filesUnder(outDir)
        .filter((f) => f !== swPath && !f.endsWith('index.html'))
        .map((f) => relative(outDir, f).split('\\').join('/'))
        .sort();
      const hash = createHash('sha256');
      for (const f of [...files, 'index.html']) hash.update(f).update(readFileSync(join(outDir, f)));
      const version = hash.digest('hex').slice(0, 12);
      const sw = readFileSync(swPath, 'utf8')
        .replaceAll('__SCANNER_PRECACHE__', JSON.stringify(files))
        .replaceAll('__SCANNER_VERSION__', JSON.stringify(version));
      writeFileSync(swPath, sw);
    },
  };
}

/**
 * The mess scanner PWA: served by the Opsdesk server at `/scanner/` from `web/scanner/dist`. Its pages
 * and service worker are here; its code is the mess module's (`src/modules/mess/scanner-app/`). Plain
 * TypeScript (no framework) to stay small on cheap phones. The service worker is a second entry
 * emitted as `/scanner/sw.js` so its scope is `/scanner/`. The CSP forbids inline scripts.
 */
export default defineConfig({
  root,
  base: '/scanner/',
  logLevel: 'warn',
  plugins: [serviceWorkerManifest(), modulePages()],
  worker: { format: 'es' },
  build: {
    outDir,
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2020',
    rolldownOptions: {
      input: {
        index: join(root, 'index.html'),
        // The exhibition booth page: a second page of this app (same camera, worker and offline shell),
        // whose code is the exhibition module's (`src/modules/exhibition/booth-app/`).
        booth: join(root, 'booth.html'),
        sw: join(root, 'sw.ts'),
      },
      // Never loaded by the scanner: the passes capability imports it lazily for server-side rendering.
      external: ['qrcode'],
      // The mess module's browser entry also exports its zod schemas; building a schema has no side
      // effect, so unused ones (all of them, here) are dropped instead of pulling zod in (~25 KB gzip).
      treeshake: { manualPureFunctions: ['z'] },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
