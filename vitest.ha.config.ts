import { defineConfig } from 'vitest/config';

/**
 * The high-availability suite (issue 68): a pg_auto_failover monitor and a primary/secondary pair of
 * PostgreSQL 15 on 127.0.0.1 (test/ha/cluster.ts), whose primary is lost under load. It needs Debian's
 * `postgresql-15-auto-failover` and `pg-auto-failover-cli`, so it is not part of `npm test`:
 * `npm run test:ha` runs it, and CI (.ci/run) installs the packages and runs it on PostgreSQL 15.
 */
export default defineConfig({
  test: {
    name: 'ha',
    include: ['test/ha/**/*.test.ts'],
    // A file's tests follow one cluster through a crash, a rejoin and a switchover, each waiting on the
    // monitor: a step is bounded by its own wait, the test by these.
    testTimeout: 300_000,
    hookTimeout: 240_000,
    // Each file runs its own cluster and servers: one file at a time on a 2-core machine.
    maxWorkers: 1,
    // App processes run either the sources (spawnApp, through tsx) or the shipped build (startBuiltServer):
    // build dist/ when stale, as the dist project does (in CI it was built just before: nothing to do).
    globalSetup: ['test/setup/build-dist.ts'],
  },
});
