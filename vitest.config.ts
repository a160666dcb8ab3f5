import { defineConfig } from 'vitest/config';
import { SlowFirstSequencer } from './test/setup/slow-first-sequencer.ts';

// Tests of the embedded database's process model (lock file, PGlite backup) run only without a server;
// multi-process tests (test/cli/postgres, test/scale) only with one.
const onServer = Boolean(process.env.DATABASE_URL);

/**
 * Three projects: fast pure unit tests, integration tests on a real database
 * (PGlite by default, PostgreSQL when DATABASE_URL is set) and browser tests in Chromium.
 */
export default defineConfig({
  test: {
    // Vitest's default is one worker per core minus one: a single worker on a 2-core machine. Most slow
    // files wait on Chromium or child processes, so two workers overlap that waiting.
    maxWorkers: 2,
    sequence: { sequencer: SlowFirstSequencer },
    // The whole run's deadline: a run that hangs fails loudly, naming the files still running.
    globalSetup: ['test/setup/run-deadline.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'web/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/*.large.test.ts', '**/node_modules/**'],
          // Pure functions with no module-level state: files of a worker share the imported modules.
          // Importing them again for each of ~200 files was most of the project's time (81.8 s -> 24.8 s).
          isolate: false,
        },
      },
      {
        test: {
          name: 'integration',
          include: [
            'src/**/*.int.test.ts',
            'test/api/**/*.test.ts',
            'test/standins/**/*.test.ts',
            'test/cli/**/*.test.ts',
            'test/scale/**/*.test.ts',
          ],
          // Scale-out (many processes on one database) needs a server; the embedded process model does not.
          exclude: onServer
            ? ['**/node_modules/**', 'test/cli/embedded/**']
            : ['**/node_modules/**', 'test/cli/postgres/**', 'test/scale/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Each file builds its own app on its own cloned database, and nothing module-level holds
          // state, so files of one worker share the imported modules: importing the whole app again for
          // every file cost ~100 s of the run's 311 s (measured; 220 s shared, same 431 tests passing).
          isolate: false,
          // test/cli runs the built CLI (test/support/processes.ts): build dist/ first when stale.
          globalSetup: ['test/setup/global-db.ts', 'test/setup/build-dist.ts'],
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // `expect.poll` waits as long as a Playwright step does. Its default of 1 s failed CI when a page
          // had not fetched its list within a second of loading on a busy machine: a poll that reads
          // `allInnerTexts()` sees [] until then, where a locator's own wait would have waited.
          expect: { poll: { timeout: 20_000 } },
          // A file's own bound, past which it fails loudly (its tests' timeouts add up to hours).
          setupFiles: ['test/setup/browser-file-deadline.ts'],
          isolate: false,
          // Browser files run beside integration files, two at a time in all: a project without file
          // parallelism would run after every other file, alone (Vitest puts it in a group of its own).
          globalSetup: ['test/setup/global-db.ts', 'test/setup/build-console.ts'],
        },
      },
      {
        test: {
          // The shipped build is the tested build: `node dist/src/app/cli.js` (what `npm start`, the image
          // and the systemd units run) as a process, against a stand-in on 127.0.0.1 for every outside
          // service. One server per file, started once; `test/setup/build-dist.ts` builds dist/ when stale.
          // (The folder is not test/dist: .gitignore, Biome and tsc skip every `dist`.)
          name: 'dist',
          include: ['test/built/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 240_000,
          isolate: false,
          globalSetup: ['test/setup/build-dist.ts'],
        },
      },
    ],
  },
});
