import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { Database } from '../../platform/db/index.ts';
import { createUniqueCode, isValidCode } from './index.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await sql`create table code_probe (code text primary key)`.execute(database.db);
});
afterAll(() => database.close());

/** Inserts under the unique key; a collision answers false so the generator draws again. */
const tryInsert = async (code: string) =>
  (
    await sql`insert into code_probe (code) values (${code}) on conflict do nothing returning code`.execute(
      database.db,
    )
  ).rows.length === 1;

describe('unique human codes on a real database', () => {
  it('hands out distinct valid codes to concurrent callers even when the code space is nearly full', async () => {
    // Length 2 = one random character + check: only 31 codes exist, so collisions are certain.
    const codes = await Promise.all(
      Array.from({ length: 25 }, () => createUniqueCode({ length: 2, tryInsert, maxAttempts: 500 })),
    );
    expect(new Set(codes).size).toBe(25);
    expect(codes.every((c) => isValidCode(c, { length: 2 }))).toBe(true);
    const stored = await sql<{ n: number }>`select count(*)::int as n from code_probe`.execute(database.db);
    expect(stored.rows[0]!.n).toBe(25);
  });

  it('gives up with a clear error when the space is exhausted instead of looping forever', async () => {
    await Promise.all(
      Array.from({ length: 6 }, () => createUniqueCode({ length: 2, tryInsert, maxAttempts: 500 })),
    );
    await expect(createUniqueCode({ length: 2, tryInsert, maxAttempts: 50 })).rejects.toMatchObject({
      code: 'codes.unique_code_attempts_exhausted',
    });
  });
});
