import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retentionDatabase } from '../../../../test/support/retention-db.ts';
import { retentionScope } from '../../../core/retention/index.ts';
import type { Database } from '../../../platform/db/index.ts';
import { prepaidRetention } from '../prepaid.retention.ts';

let database: Database;
let orgId: string;
let cleanup: (dryRun?: boolean) => Promise<unknown>;
let accountId: string;
let meterId: string;

beforeAll(async () => {
  ({ database, orgId, cleanup } = await retentionDatabase([prepaidRetention()]));
  const { rows } = await sql<{ id: string }>`insert into prepaid_account (org_id, kind, name)
    values (${orgId}, 'household', 'Uwase') returning id`.execute(database.db);
  accountId = rows[0]!.id;
  const meter = await sql<{
    id: string;
  }>`insert into prepaid_meter (org_id, account_id, number, opg_key_sealed, opg_starting_code)
    values (${orgId}, ${accountId}, 'M-001', 'sealed', 1) returning id`.execute(database.db);
  meterId = meter.rows[0]!.id;
});
afterAll(async () => database?.close());

const count = async (table: 'prepaid_portal_code' | 'prepaid_portal_session') =>
  (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db)).rows[0]!
    .n;

describe('prepaid retention', () => {
  it('removes portal sign-in codes and sessions a month after they ended', async () => {
    for (const days of [40, 5]) {
      await sql`insert into prepaid_portal_code (org_id, account_id, meter_id, code_hash, expires_at)
        values (${orgId}, ${accountId}, ${meterId}, 'h', now() - ${`${days} days`}::interval)`.execute(
        database.db,
      );
      await sql`insert into prepaid_portal_session (org_id, account_id, token_hash, expires_at)
        values (${orgId}, ${accountId}, ${`t${days}`}, now() - ${`${days} days`}::interval)`.execute(
        database.db,
      );
    }
    // revoked long ago, though it would only have expired next year
    await sql`insert into prepaid_portal_session (org_id, account_id, token_hash, expires_at, revoked_at)
      values (${orgId}, ${accountId}, 'revoked', now() + interval '300 days', now() - interval '60 days')`.execute(
      database.db,
    );
    await cleanup();
    expect(await count('prepaid_portal_code')).toBe(1);
    expect(await count('prepaid_portal_session')).toBe(1);
  });

  it('keeps the payment of a purchase still pending', async () => {
    const { rows } = await sql<{
      id: string;
    }>`insert into payment (org_id, amount_minor, currency, method, status,
        purpose_type, purpose_id, payer_msisdn, provider_reference, deadline_at, created_by)
      values (${orgId}, 500, 'USD', 'momo', 'pending', 'prepaid.purchase', 'p1', '250788000000', 'ref-1', now(), '{}')
      returning id`.execute(database.db);
    await sql`insert into prepaid_purchase (org_id, meter_id, method, amount_minor, currency, payment_id)
      values (${orgId}, ${meterId}, 'momo', 500, 'USD', ${rows[0]!.id})`.execute(database.db);
    const scope = retentionScope(orgId, new Date(), prepaidRetention().keeps ?? []);
    const kept = await sql<{
      kept: boolean;
    }>`select ${scope.paymentKept(sql`${rows[0]!.id}::uuid`)} as kept`.execute(database.db);
    expect(kept.rows).toEqual([{ kept: true }]);
    await sql`update prepaid_purchase set status = 'paid' where payment_id = ${rows[0]!.id}`.execute(
      database.db,
    );
    const released = await sql<{
      kept: boolean;
    }>`select ${scope.paymentKept(sql`${rows[0]!.id}::uuid`)} as kept`.execute(database.db);
    expect(released.rows).toEqual([{ kept: false }]);
  });
});
