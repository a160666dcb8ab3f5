// @ts-check
// Plain JavaScript, run by node itself: `npm start` checks the browser apps without loading TypeScript.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isOlderThan, newestChange } from './newest-change.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MODULES = join(ROOT, 'src', 'modules');

/**
 * A browser app built with Vite and served by the Opsdesk server from its `dist`.
 * @typedef {object} WebApp
 * @property {string} name
 * @property {string} dir source folder (its `dist` is the output)
 * @property {string} config
 * @property {() => string[]} shared code outside `dir` the app bundles (shared rules, module screens): a change there makes the build stale too
 */

/** The module folders (their `console/` parts are collected into the console build). */
const moduleFolders = () =>
  existsSync(MODULES)
    ? readdirSync(MODULES, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => join(MODULES, entry.name))
    : [];

/** @type {WebApp[]} */
export const WEB_APPS = [
  {
    name: 'console',
    dir: join(ROOT, 'web', 'console'),
    config: join(ROOT, 'web', 'vite.config.ts'),
    // The console kit its module screens import lives in `dir`; the screens themselves here, and the
    // browser kit (web/kit/) whose money rules it shares with the booth.
    shared: () => [join(ROOT, 'web', 'kit'), ...moduleFolders().map((folder) => join(folder, 'console'))],
  },
  {
    name: 'scanner',
    dir: join(ROOT, 'web', 'scanner'),
    config: join(ROOT, 'web', 'scanner', 'vite.config.ts'),
    // The pages' code is the mess's (`scanner-app/`) and the exhibition's (`booth-app/`); with the kit
    // and the core rules it shares with the server.
    shared: () => [
      join(ROOT, 'web', 'kit'),
      join(ROOT, 'src', 'core', 'passes'),
      join(ROOT, 'src', 'core', 'time'),
      join(ROOT, 'src', 'core', 'auth'),
      join(ROOT, 'src', 'modules', 'mess'),
      join(ROOT, 'src', 'modules', 'exhibition'),
    ],
  },
  {
    name: 'portal',
    dir: join(ROOT, 'web', 'portal'),
    config: join(ROOT, 'web', 'portal', 'vite.config.ts'),
    // The portal's code is the prepaid module's (`portal-app/`, typed by its browser.ts); here its page and build.
    shared: () => [join(ROOT, 'web', 'kit'), join(ROOT, 'src', 'modules', 'prepaid')],
  },
];

/** @param {WebApp} app */
export const distIndex = (app) => join(app.dir, 'dist', 'index.html');

/** @param {string} name @param {boolean} isFolder */
const outputs = (name, isFolder) => isFolder && (name === 'dist' || name === 'node_modules');

/**
 * Whether an app's dist is missing or older than a source file, its Vite config or package.json.
 * @param {WebApp} app
 */
function isStale(app) {
  return isOlderThan(distIndex(app), [
    newestChange(app.dir, outputs),
    ...app.shared().map((dir) => newestChange(dir, outputs)),
    // A module folder added or removed changes which screens the console has.
    newestChange(MODULES, () => true),
    newestChange(app.config),
    newestChange(join(ROOT, 'package.json')),
  ]);
}

/** Whether any browser app needs building. */
export const webAppsStale = () => WEB_APPS.some(isStale);

/**
 * Builds the staff console, the mess scanner and the portal with Vite, each only when stale;
 * returns whether anything was built. Vite is a dev dependency: an install without it keeps serving
 * the existing dists (or says how to build).
 * @param {{ force?: boolean; quiet?: boolean }} [options]
 * @returns {Promise<boolean>}
 */
export async function buildConsoleIfStale(options = {}) {
  const stale = WEB_APPS.filter((app) => options.force || isStale(app));
  if (stale.length === 0) return false;
  /** @type {typeof import('vite')} */
  let vite;
  try {
    vite = await import('vite');
  } catch {
    if (stale.every((app) => existsSync(distIndex(app)))) {
      console.warn('web: sources changed but vite is not installed; serving the existing builds');
      return false;
    }
    throw new Error(
      'The web apps are not built and vite is not installed: run `npm ci` then `npm run build:web`',
    );
  }
  // The browser apps are always built for production: under a NODE_ENV of `test` (Vitest, and the
  // tests' `npm start`) or `development` Vite built React's development runtime into them (`jsxDEV`,
  // its checks and warnings), a slower and larger console. Put back afterwards: `npm start` runs the
  // server in this process next, and left at production the demo would be refused.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    for (const app of stale) {
      const started = Date.now();
      await vite.build({ configFile: app.config, logLevel: options.quiet ? 'error' : 'warn' });
      if (!options.quiet)
        console.log(
          `${app.name}: built web/${app.name}/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
    }
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildConsoleIfStale({ force: process.argv.includes('--force') }).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
