import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/platform/db/index.ts';
import { createTestDatabase } from '../../support/test-database.ts';

// Runs only without a server (see vitest.config.ts): the settings are the embedded database's own.
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('the embedded database as the app opens it', () => {
  it('keeps a small buffer cache (its memory never shrinks), PGlite’s own settings, and trigram search', async () => {
    expect(database.kind).toBe('pglite');
    const show = async (name: string) =>
      (await database.pool.query<Record<string, string>>(`show ${name}`)).rows[0]![name];
    expect(await show('shared_buffers')).toBe('32MB');
    // Given start parameters replace PGlite's own, so they are repeated: these are two of them.
    expect(await show('search_path')).toBe('public');
    expect(await show('max_parallel_workers')).toBe('0');
    const { rows } = await database.pool.query<{ s: number }>(`select similarity('gomez', 'gomes') as s`);
    expect(rows[0]!.s).toBeGreaterThan(0.3);
  });
});
