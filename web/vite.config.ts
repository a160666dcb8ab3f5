import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./console', import.meta.url));

/**
 * The staff console: served by the Opsdesk server at `/console/` from `web/console/dist`.
 * The server's CSP forbids inline scripts, so nothing may be inlined into index.html.
 * It also bundles every module's `src/modules/<m>/console/` (collected by `extensions/registry.ts`);
 * the dev server may read them because Vite allows the nearest package.json's folder, the repository.
 */
export default defineConfig({
  root,
  base: '/console/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./console/dist', import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
