import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retentionDatabase } from '../../../../test/support/retention-db.ts';
import type { Database } from '../../../platform/db/index.ts';
import { exhibitionRetention } from '../exhibition.retention.ts';

let database: Database;
let orgId: string;
let cleanup: (dryRun?: boolean) => Promise<unknown>;

beforeAll(async () => {
  ({ database, orgId, cleanup } = await retentionDatabase([exhibitionRetention()]));
});
afterAll(async () => database?.close());

async function exhibitionEnded(daysAgo: number, running = false) {
  const { rows } = await sql<{
    id: string;
  }>`insert into exhibition_exhibition (org_id, name, currency, time_zone, starts_on, ends_on)
    values (${orgId}, 'Expo', 'USD', 'UTC', current_date - cast(${daysAgo + 3} as int), current_date - cast(${daysAgo} as int)) returning id`.execute(
    database.db,
  );
  const id = rows[0]!.id;
  const code = Math.random().toString(36).slice(2, 10).toUpperCase().padEnd(8, 'X');
  await sql`insert into exhibition_customer (org_id, exhibition_id, code, name, email, phone, bill_count, total_minor)
    values (${orgId}, ${id}, ${code}, 'Ana Gómez', 'ana@example.com', '+595981000000', 2, 5000)`.execute(
    database.db,
  );
  if (running)
    await sql`insert into exhibition_statement_run (org_id, exhibition_id, total, started_by)
      values (${orgId}, ${id}, 1, 'test')`.execute(database.db);
  return id;
}
const customerOf = async (exhibitionId: string) =>
  (
    await sql<{
      name: string;
      email: string;
      phone: string;
      total_minor: string;
    }>`select name, email, phone, total_minor
      from exhibition_customer where exhibition_id = ${exhibitionId}`.execute(database.db)
  ).rows[0];

describe('exhibition retention', () => {
  it("masks customers' e-mail and phone a year after the exhibition ended, keeping name, bills and totals", async () => {
    const old = await exhibitionEnded(400);
    const recent = await exhibitionEnded(100);
    const sending = await exhibitionEnded(400, true);
    await cleanup();
    expect(await customerOf(old)).toEqual({ name: 'Ana Gómez', email: '', phone: '', total_minor: '5000' });
    expect((await customerOf(recent))?.email).toBe('ana@example.com');
    // statements are still being sent to that exhibition's customers
    expect((await customerOf(sending))?.email).toBe('ana@example.com');
  });
});
