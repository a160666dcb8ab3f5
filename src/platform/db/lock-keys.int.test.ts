import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { Database } from './index.ts';
import { canonicalLockKeys, lockKeys } from './lock-keys.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

const heldKeys = (db: Database['db']) =>
  sql<{ key: string }>`
    select ((classid::bigint << 32) | objid::bigint)::text as key from pg_locks
    where locktype = 'advisory' and pid = pg_backend_pid() and objsubid = 1`.execute(db);

describe('lockKeys', () => {
  it('holds every named lock until the transaction ends, and bounds any later wait', async () => {
    const names = ['raffle.order:org:1', 'payment.proof_sha256:org:ab', 'raffle.order:org:1'];
    await database.db.transaction().execute(async (trx) => {
      await lockKeys(trx, names, { timeoutMs: 1500 });
      const held = (await heldKeys(trx)).rows.map((r) => BigInt(r.key));
      expect(held.sort((a, b) => (a < b ? -1 : 1))).toEqual(canonicalLockKeys(names));
      const timeout = await sql<{ t: string }>`select current_setting('lock_timeout') as t`.execute(trx);
      expect(timeout.rows[0]!.t).toBe('1500ms');
      // Named again (a use case calling another): the same locks, no second wait.
      await lockKeys(trx, names);
    });
    expect((await heldKeys(database.db)).rows).toEqual([]);
    const after = await sql<{ t: string }>`select current_setting('lock_timeout') as t`.execute(database.db);
    expect(after.rows[0]!.t).toBe('0');
  });

  it('refuses to run outside a transaction, where its locks would end at once', async () => {
    await expect(lockKeys(database.db, ['x'])).rejects.toThrow(/needs a transaction/);
  });
});
