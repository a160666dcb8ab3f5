import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support/test-database.ts';
import type { Database } from '../../../platform/db/index.ts';
import { sql } from '../../../platform/db/index.ts';
import { HOLDING_STATUSES, type holdingStatuses, REFUND_STATUSES, refundHoldsMoneySql } from '../index.ts';

/**
 * Issue 62: the refund statuses that hold money were written in four places. Code reads the one list
 * (`HOLDING_STATUSES`, in SQL `refundHoldsMoneySql`); the database's last guard reads
 * `payment_refund_holds_money()`. The two must agree on every status.
 */
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe('one list of the refund statuses that hold money', () => {
  it('the database function holds the statuses the code does, no more', async () => {
    const { rows } = await sql<{ status: string; holds: boolean }>`
      select s as status, payment_refund_holds_money(s) as holds
      from unnest(${[...REFUND_STATUSES]}::text[]) as s`.execute(database.db);
    expect(rows.filter((r) => r.holds).map((r) => r.status)).toEqual([...HOLDING_STATUSES]);
  });

  it('the SQL fragment selects the list and its parts', async () => {
    const held = async (part?: Parameters<typeof holdingStatuses>[0]) =>
      (
        await sql<{ s: string }>`
          select s from unnest(${[...REFUND_STATUSES]}::text[]) as s
          where ${refundHoldsMoneySql('s', part)} order by s`.execute(database.db)
      ).rows.map((r) => r.s);
    expect(await held()).toEqual([...HOLDING_STATUSES].sort());
    expect(await held({ approved: true, back: false })).toEqual(['pending', 'sent', 'unknown']);
    expect(await held({ back: false })).toEqual(['awaiting_approval', 'pending', 'sent', 'unknown']);
    expect(await held({ approved: true })).toEqual(['pending', 'sent', 'succeeded', 'unknown']);
  });
});
