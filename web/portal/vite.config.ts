import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { modulePages } from '../kit/module-pages.vite.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The prepaid customer portal: served by the Opsdesk server at `/portal/` from `web/portal/dist`
 * (each organization's portal is `/portal/<org slug>/`). Its page is here; its code is the prepaid
 * module's (`src/modules/prepaid/portal-app/`). Plain TypeScript, no framework, to stay small on
 * cheap phones; the CSP forbids inline scripts.
 */
export default defineConfig({
  root,
  base: '/portal/',
  logLevel: 'warn',
  plugins: [modulePages()],
  build: {
    outDir: join(root, 'dist'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2020',
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
