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

async function texted(orgId: string, phone: string, senderId: string | null): Promise<void> {
  const [n] = await query<{ id: string }>(
    `insert into notification (org_id, channel, recipient, template, locale, body)
     values ($1, 'sms', $2, 'test.message', 'en', 'hello') returning id`,
    [orgId, phone],
  );
  await query(
    `insert into sms_message (org_id, notification_id, provider, recipient, sender_id, encoding, segments,
       status, claimed_at)
     values ($1, $2, 'africastalking', $3, $4, 'GSM-7', 1, 'accepted', now())`,
    [orgId, n!.id, phone, senderId],
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
    expect(await query('select distinct account, account_org_id from sms_message')).toEqual([
      { account: null, account_org_id: null },
    ]);
    await expect(
      query(`update sms_message set account = 'x', account_org_id = $1 where org_id = $2`, [
        ids.own,
        ids.shared,
      ]),
    ).rejects.toThrow(/sms_message_account_org_check/);
  });
});
