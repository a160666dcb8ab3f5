import { defineConfig } from 'vitest/config';

/**
 * Three projects: fast pure unit tests, integration tests on a real database
 * (PGlite by default, PostgreSQL when DATABASE_URL is set) and browser tests in Chromium.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'web/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
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
          ],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          globalSetup: ['test/setup/global-db.ts'],
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          globalSetup: ['test/setup/global-db.ts'],
        },
      },
    ],
  },
});
