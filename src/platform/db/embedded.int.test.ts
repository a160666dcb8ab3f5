import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, sql } from './index.ts';

// The embedded database as `opsdesk start` opens it (a data folder), through the batching connection.
const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-embedded-'));
let database: Database;
beforeAll(async () => {
  database = await openDatabase({ dataDir });
  await sql`create table item (id int primary key, name text not null)`.execute(database.db);
}, 60_000);
afterAll(async () => {
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the embedded database opened from its data folder', () => {
  it('answers queries with parameters, and reports errors with their PostgreSQL code and constraint', async () => {
    const { rows } = await sql<{ n: number; s: string }>`select ${41}::int + 1 as n, ${'ü'} as s`.execute(
      database.db,
    );
    expect(rows).toEqual([{ n: 42, s: 'ü' }]);
    await expect(sql`select 1 / 0`.execute(database.db)).rejects.toMatchObject({ code: '22012' });
    await sql`insert into item values (1, 'tea')`.execute(database.db);
    await expect(sql`insert into item values (1, 'coffee')`.execute(database.db)).rejects.toMatchObject({
      code: '23505',
      constraint: 'item_pkey',
    });
    // A failed statement leaves the session usable.
    expect((await sql<{ c: string }>`select count(*) as c from item`.execute(database.db)).rows).toEqual([
      { c: '1' },
    ]);
  });

  it('keeps nothing of a transaction that failed, and all of one that committed', async () => {
    await expect(
      database.db.transaction().execute(async (tx) => {
        await sql`insert into item values (2, 'bread')`.execute(tx);
        await sql`insert into item values (2, 'butter')`.execute(tx);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    await database.db.transaction().execute(async (tx) => {
      await sql`insert into item values (3, 'jam')`.execute(tx);
      await sql`insert into item values (4, 'honey')`.execute(tx);
    });
    const { rows } = await sql<{ id: number }>`select id from item order by id`.execute(database.db);
    expect(rows.map((r) => r.id)).toEqual([1, 3, 4]);
  });

  it('writes to the data folder: a reopened database has the rows', async () => {
    await database.close();
    database = await openDatabase({ dataDir });
    const { rows } = await sql<{ name: string }>`select name from item order by id`.execute(database.db);
    expect(rows.map((r) => r.name)).toEqual(['tea', 'jam', 'honey']);
  });
});
