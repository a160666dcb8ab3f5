import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONSOLE = join(ROOT, 'web', 'console');
const DIST_INDEX = join(CONSOLE, 'dist', 'index.html');
const CONFIG = join(ROOT, 'web', 'vite.config.ts');

/** Newest modification time of the console's sources (everything under web/console but dist). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Whether `web/console/dist` is missing or older than a source file, the Vite config or package.json. */
export function consoleIsStale(): boolean {
  if (!existsSync(DIST_INDEX)) return true;
  const built = statSync(DIST_INDEX).mtimeMs;
  const inputs = Math.max(
    newestSource(CONSOLE),
    statSync(CONFIG).mtimeMs,
    statSync(join(ROOT, 'package.json')).mtimeMs,
  );
  return inputs > built;
}

/**
 * Builds the staff console with Vite when it is stale; returns whether it built. Vite is a dev
 * dependency: an install without it keeps serving the existing dist (or says how to build).
 */
export async function buildConsoleIfStale(
  options: { force?: boolean; quiet?: boolean } = {},
): Promise<boolean> {
  if (!options.force && !consoleIsStale()) return false;
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    if (existsSync(DIST_INDEX)) {
      console.warn('console: sources changed but vite is not installed; serving the existing build');
      return false;
    }
    throw new Error(
      'The console is not built and vite is not installed: run `npm ci` then `npm run build:web`',
    );
  }
  const started = Date.now();
  await vite.build({ configFile: CONFIG, logLevel: options.quiet ? 'error' : 'warn' });
  if (!options.quiet)
    console.log(`console: built web/console/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildConsoleIfStale({ force: process.argv.includes('--force') }).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
