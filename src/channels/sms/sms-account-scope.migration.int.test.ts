import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabaseEnv } from '../../../test/support/test-database.ts';
import { createEmbedded, type Database, openDatabase } from '../../platform/db/index.ts';
import { migrate } from '../../platform/migrator/index.ts';

// What 20270501_6102_sms_account_scope.sql makes of the opt-outs recorded before it (issue 61 item 2):
// each named an organization only; each becomes an opt-out of the senders that organization had
// texted the phone from, on the account it sends through, so nothing held back before is sent after.
// And what 20270603_6401_notification_attempt.sql makes of those texts (issue 64): each one the
// attempt of its notification, in the outbox's own table, every column kept, the account still unknown.

const MIGRATION = '20270501_6102_sms_account_scope.sql';
const coreDir = fileURLToPath(new URL('../../core/migrations', import.meta.url));
const before = mkdtempSync(join(tmpdir(), 'opsdesk-sms-6102-'));
let database: Database;
let closeEngine: () => Promise<void> = async () => {};

/** An empty database: a new one on the server when DATABASE_URL is set, else an embedded one. */
async function emptyDatabase(): Promise<Database> {
  const env = await freshDatabaseEnv(before);
  if (env.DATABASE_URL) return openDatabase({ url: env.DATABASE_URL });
  const lite = await createEmbedded();
  closeEngine = () => lite.close();
  return openDatabase({ lite });
}

const query = <T extends object>(text: string, values: unknown[] = []) =>
  database.pool.query<T & Record<string, unknown>>(text, values).then((r) => r.rows);

async function org(slug: string, settings: object): Promise<string> {
  const [row] = await query<{ id: string }>(
    `insert into organization (slug, name, time_zone, currency, languages, settings)
     values ($1, $1, 'UTC', 'RWF', '{en}', $2) returning id`,
    [slug, JSON.stringify(settings)],
  );
  return row!.id;
}

let texts = 0;
async function texted(orgId: string, phone: string, senderId: string | null): Promise<void> {
  texts += 1;
  const [n] = await query<{ id: string }>(
    `insert into notification (org_id, channel, recipient, template, locale, body)
     values ($1, 'sms', $2, 'test.message', 'en', 'hello') returning id`,
    [orgId, phone],
  );
  await query(
    `insert into sms_message (org_id, notification_id, provider, recipient, sender_id, encoding, segments,
       status, provider_message_id, cost_text, cost_minor, cost_currency, provider_status, claimed_at, accepted_at)
     values ($1, $2, 'africastalking', $3, $4, 'GSM-7', 1, 'accepted', $5, 'RWF 20.0000', 20, 'RWF', 'Success',
       '2027-04-30T10:00:00Z', '2027-04-30T10:00:01Z')`,
    [orgId, n!.id, phone, senderId, `ATXid_${texts}`],
  );
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  for (const name of readdirSync(coreDir).filter((f) => f.endsWith('.sql') && f < MIGRATION))
    copyFileSync(join(coreDir, name), join(before, name));
  database = await emptyDatabase();
  await migrate(database.pool, [{ scope: 'core', dir: before }]);
  // Its own account (sealed key), sender OWN; the deployment's account with a sender of its own; the
  // deployment's account with its sender (OPSDESK) and without one (the provider's default).
  ids.own = await org('own', { sms: { username: 'ownacct', apiKey: { sealed: 'v1.x' }, senderId: 'OWN' } });
  ids.kpower = await org('kpower', { sms: { senderId: 'KPOWER' } });
  ids.shared = await org('shared', {});
  await texted(ids.own, '+250788300001', 'OWN');
  await texted(ids.kpower, '+250788300001', 'KPOWER');
  await texted(ids.shared, '+250788300001', 'OPSDESK');
  await texted(ids.shared, '+250788300001', null);
  await texted(ids.shared, '+250788300002', 'OPSDESK');
  // Opt-outs as the old inbound URL recorded them: every organization that had texted the phone; and
  // one whose texts retention has since removed.
  for (const [orgId, phone] of [
    [ids.own, '+250788300001'],
    [ids.kpower, '+250788300001'],
    [ids.shared, '+250788300001'],
    [ids.shared, '+250788300002'],
    [ids.kpower, '+250788300003'],
  ])
    await query(
      `insert into sms_opt_out (org_id, phone, opted_out_at, keyword) values ($1, $2, now(), 'STOP')`,
      [orgId, phone],
    );
  await migrate(database.pool, [{ scope: 'core', dir: coreDir }]);
});
afterAll(async () => {
  await database?.close();
  await closeEngine();
  rmSync(before, { recursive: true, force: true });
});

describe('the opt-outs recorded before 20270501_6102', () => {
  it('become opt-outs of the senders each organization texted the phone from, on the account it sends through', async () => {
    const rows = await query<{ holder: string | null; sender: string; phone: string }>(
      `select (select slug from organization where id = account_org_id) as holder, sender, phone
         from sms_opt_out order by phone, holder nulls first, sender`,
    );
    expect(rows).toEqual([
      { holder: null, sender: '', phone: '+250788300001' },
      { holder: null, sender: 'KPOWER', phone: '+250788300001' },
      { holder: null, sender: 'OPSDESK', phone: '+250788300001' },
      { holder: 'own', sender: 'OWN', phone: '+250788300001' },
      { holder: null, sender: 'OPSDESK', phone: '+250788300002' },
      // No text left: the organization's own sender id.
      { holder: null, sender: 'KPOWER', phone: '+250788300003' },
    ]);
  });

  it('leaves the texts sent before without an account, and refuses an account holder other than the sender', async () => {
    expect(await query('select distinct account, account_org_id from notification_attempt')).toEqual([
      { account: null, account_org_id: null },
    ]);
    await expect(
      query(`update notification_attempt set account = 'x', account_org_id = $1 where org_id = $2`, [
        ids.own,
        ids.shared,
      ]),
    ).rejects.toThrow(/notification_attempt_account_org_check/);
  });
});

describe('the texts recorded before 20270603_6401', () => {
  it('are each the first attempt of their notification in the outbox, every column kept', async () => {
    const rows = await query<Record<string, unknown>>(
      `select (select slug from organization where id = a.org_id) as org, n.recipient, a.attempt, a.channel,
         a.provider, a.sender_id, a.encoding, a.segments, a.status, a.provider_message_id, a.cost_text,
         a.cost_minor::int as cost_minor, a.cost_currency, a.provider_status, a.claimed_at, a.accepted_at
       from notification_attempt a join notification n on n.org_id = a.org_id and n.id = a.notification_id
       order by a.provider_message_id`,
    );
    const common = {
      attempt: 1,
      channel: 'sms',
      provider: 'africastalking',
      encoding: 'GSM-7',
      segments: 1,
      status: 'accepted',
      cost_text: 'RWF 20.0000',
      cost_minor: 20,
      cost_currency: 'RWF',
      provider_status: 'Success',
      claimed_at: new Date('2027-04-30T10:00:00Z'),
      accepted_at: new Date('2027-04-30T10:00:01Z'),
    };
    expect(rows).toEqual([
      { ...common, org: 'own', recipient: '+250788300001', sender_id: 'OWN', provider_message_id: 'ATXid_1' },
      {
        ...common,
        org: 'kpower',
        recipient: '+250788300001',
        sender_id: 'KPOWER',
        provider_message_id: 'ATXid_2',
      },
      {
        ...common,
        org: 'shared',
        recipient: '+250788300001',
        sender_id: 'OPSDESK',
        provider_message_id: 'ATXid_3',
      },
      {
        ...common,
        org: 'shared',
        recipient: '+250788300001',
        sender_id: null,
        provider_message_id: 'ATXid_4',
      },
      {
        ...common,
        org: 'shared',
        recipient: '+250788300002',
        sender_id: 'OPSDESK',
        provider_message_id: 'ATXid_5',
      },
    ]);
    // The channel's own table and its view are gone: one store.
    expect(await query(`select to_regclass('sms_message') as t, to_regclass('v_sms_message') as v`)).toEqual([
      { t: null, v: null },
    ]);
  });
});
