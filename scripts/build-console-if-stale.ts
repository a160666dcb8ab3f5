import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A browser app built with Vite and served by the Opsdesk server from its `dist`. */
interface WebApp {
  name: string;
  /** Source folder (its `dist` is the output). */
  dir: string;
  config: string;
  /** Code outside `dir` the app bundles (shared rules, module screens): a change there makes the build stale too. */
  shared: () => string[];
}

const MODULES = join(ROOT, 'src', 'modules');

/** The module folders (their `console/` parts are collected into the console build). */
const moduleFolders = (): string[] =>
  existsSync(MODULES)
    ? readdirSync(MODULES, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => join(MODULES, entry.name))
    : [];

const APPS: WebApp[] = [
  {
    name: 'console',
    dir: join(ROOT, 'web', 'console'),
    config: join(ROOT, 'web', 'vite.config.ts'),
    // The console kit its module screens import lives in `dir`; the screens themselves here.
    shared: () => moduleFolders().map((folder) => join(folder, 'console')),
  },
  {
    name: 'scanner',
    dir: join(ROOT, 'web', 'scanner'),
    config: join(ROOT, 'web', 'scanner', 'vite.config.ts'),
    shared: () => [
      join(ROOT, 'src', 'core', 'passes'),
      join(ROOT, 'src', 'core', 'time'),
      join(ROOT, 'src', 'modules', 'mess'),
    ],
  },
  {
    name: 'portal',
    dir: join(ROOT, 'web', 'portal'),
    config: join(ROOT, 'web', 'portal', 'vite.config.ts'),
    shared: () => [],
  },
];

const distIndex = (app: WebApp) => join(app.dir, 'dist', 'index.html');

/** Newest modification time of the sources under `dir` (everything but dist and node_modules). */
function newestSource(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Whether an app's dist is missing or older than a source file, its Vite config or package.json. */
function isStale(app: WebApp): boolean {
  if (!existsSync(distIndex(app))) return true;
  const built = statSync(distIndex(app)).mtimeMs;
  const inputs = Math.max(
    newestSource(app.dir),
    ...app.shared().map(newestSource),
    // A module folder added or removed changes which screens the console has.
    statSync(MODULES).mtimeMs,
    statSync(app.config).mtimeMs,
    statSync(join(ROOT, 'package.json')).mtimeMs,
  );
  return inputs > built;
}

/** Whether `web/console/dist` is missing or older than its sources. */
export const consoleIsStale = (): boolean => isStale(APPS[0]!);

/**
 * Builds the staff console and the mess scanner with Vite, each only when stale; returns whether
 * anything was built. Vite is a dev dependency: an install without it keeps serving the existing
 * dists (or says how to build).
 */
export async function buildConsoleIfStale(
  options: { force?: boolean; quiet?: boolean } = {},
): Promise<boolean> {
  const stale = APPS.filter((app) => options.force || isStale(app));
  if (stale.length === 0) return false;
  let vite: typeof import('vite');
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
  for (const app of stale) {
    const started = Date.now();
    await vite.build({ configFile: app.config, logLevel: options.quiet ? 'error' : 'warn' });
    if (!options.quiet)
      console.log(
        `${app.name}: built web/${app.name}/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
  }
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildConsoleIfStale({ force: process.argv.includes('--force') }).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
