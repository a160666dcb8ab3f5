import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildConsoleIfStale } from '../../scripts/build-console-if-stale.js';
import { buildServerIfStale } from '../../scripts/build-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Held while one test run builds: `npm test` in two terminals of one checkout must not build at once. */
const LOCK = join(ROOT, 'node_modules', '.cache', 'opsdesk-dist-build.lock');
/** A lock older than any build (the holder was killed mid-build) is taken over. */
const STALE_LOCK_MS = 10 * 60_000;

/**
 * The tests that run the app as a process run the built `dist/` (what `npm start`, the image and the
 * systemd units run): build it as `npm run build` does, the browser apps then the server, each only
 * when its sources changed. Vitest runs the projects' global setups one after another, so this and
 * the browser project's console build never overlap in one run.
 */
export default async function setup(): Promise<void> {
  await holdingLock(async () => {
    await buildConsoleIfStale({ quiet: true });
    await buildServerIfStale();
  });
}

async function holdingLock(work: () => Promise<void>): Promise<void> {
  mkdirSync(join(LOCK, '..'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
