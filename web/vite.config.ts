import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./console', import.meta.url));
const serverCode = fileURLToPath(new URL('../src/', import.meta.url));

/**
 * The staff console: served by the Opsdesk server at `/console/` from `web/console/dist`.
 * The server's CSP forbids inline scripts, so nothing may be inlined into index.html.
 * It also bundles every module's `src/modules/<m>/console/` (collected by `registry/registry.ts`);
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
    rollupOptions: {
      // The console reads a few things from the server's code through an area's index (the error
      // messages of core/i18n, a module's browser entry). Those modules keep no state and run
      // nothing when imported, so what the console does not use (the i18next engine, the scanner's
      // zod contract) is left out rather than bundled for its imports' sake.
      treeshake: { moduleSideEffects: (id: string) => !id.startsWith(serverCode) },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
