import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTelegramAccounts } from '../../src/channels/telegram/index.ts';
import { createWhatsAppAccounts } from '../../src/channels/whatsapp/index.ts';
import { systemCtx } from '../../src/core/context/index.ts';
import { createEvents } from '../../src/core/modules/index.ts';
import { findOrganizationBySlug } from '../../src/core/orgs/index.ts';
import { ensurePassKey, issuePass } from '../../src/core/pass-issuer/index.ts';
import { systemClock } from '../../src/platform/clock/index.ts';
import { testConfig } from '../../src/platform/config/index.ts';
import { openDatabase } from '../../src/platform/db/index.ts';
import { runCli } from '../support/processes.ts';
import { freshDatabaseEnv } from '../support/test-database.ts';

/** These steps raise no events: a context of an app without hooks. */
const events = createEvents([]);

// Runs on both databases: each test gets an embedded folder, or a new database on the server.

const dirs: string[] = [];
const freshDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'opsdesk-cli-ops-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const OLD_KEY = 'old-secret-key-old-secret-key-old-secret-key';
// A key production accepts: random, not a phrase repeated (the start-up check reads its structure).
const NEW_KEY = 'kV7pQz2Lr9XwT4mB8nJc3HfY6sDg1AeU0oPiRt';
const ACCESS_TOKEN = 'EAAG-north-whatsapp-token-7731';
const BOT_TOKEN = '777001:north-telegram-bot-token-5521';

/** Opens the test's database between CLI runs (the embedded folder admits one process at a time). */
async function withDatabase<T>(
  env: Record<string, string>,
  work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>,
) {
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.OPSDESK_DATA_DIR! });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

describe('operator commands', () => {
  it('refuses demo data in production with one clear line and a non-zero exit, before touching data', async () => {
    const dataDir = freshDir();
    const env = { NODE_ENV: 'production', OPSDESK_SECRET_KEY: NEW_KEY, OPSDESK_DATA_DIR: dataDir };
    for (const args of [['start', '--demo'], ['seed-demo']]) {
      const { code, output } = await runCli(args, env);
      expect(code).toBe(1);
      expect(output.trim()).toMatch(/^opsdesk: demo data is refused in production \(NODE_ENV=production\)/);
      expect(output.trim().split('\n')).toHaveLength(1);
    }
    expect(readdirSync(dataDir)).toEqual([]);
  }, 120_000); // two CLI processes: each loads the app through tsx (10–20 s on a busy 2-core machine)

  it('create-org makes an organization with its owner and prints a generated password once', async () => {
    const env = await freshDatabaseEnv(freshDir());
    const created = await runCli(
      [
        'create-org',
        '--name',
        'North Mess',
        '--slug',
        'north',
        '--owner-email',
        'owner@north.example',
        '--time-zone',
        'Africa/Nairobi',
        '--currency',
        'kes',
        '--languages',
        'en',
        '--modules',
        'mess,raffle',
      ],
      env,
    );
    expect(created.code).toBe(0);
    expect(created.output).toMatch(/Modules: mess, raffle\./);
    expect(created.output).toMatch(
      /Created organization north \(North Mess\) with owner owner@north.example/,
    );
    expect(created.output).toMatch(/Password \(shown once\): \S{12,}/);

    const again = await runCli(
      ['create-org', '--name', 'Again', '--slug', 'north', '--owner-email', 'x@north.example'],
      env,
    );
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/Organization north exists/);
    const wrong = await runCli(
      ['create-org', '--name', 'Bad', '--slug', 'Bad Slug', '--owner-email', 'nope'],
      env,
    );
    expect(wrong.code).toBe(2);
    expect(wrong.output).toMatch(/--slug: .*--owner-email/);
    const unknownModule = await runCli(
      [
        'create-org',
        '--name',
        'Bakery',
        '--slug',
        'bakery',
        '--owner-email',
        'b@bakery.example',
        '--modules',
        'bakery',
      ],
      env,
    );
    expect(unknownModule.code).toBe(2);
    expect(unknownModule.output).toMatch(
      /--modules: expected modules this deployment enables: raffle, mess, exhibition, prepaid, coffee/,
    );

    await withDatabase(env, async (database) => {
      const org = await findOrganizationBySlug(database.db, 'north');
      expect(org).toMatchObject({
        name: 'North Mess',
        timeZone: 'Africa/Nairobi',
        currency: 'KES',
        languages: ['en'],
        modules: ['mess', 'raffle'],
      });
      const { rows } = await database.pool.query(
        `select m.role from membership m join staff_user u on u.id = m.user_id where u.email = 'owner@north.example' and m.org_id = $1`,
        [org!.id],
      );
      expect(rows).toEqual([{ role: 'owner' }]);
    });
  }, 300_000); // four CLI processes and a database open, as the rotate test below

  // Five `opsdesk` processes, each booting the app (8-17 s of CPU apiece, measured): every one
  // exits, but on a loaded 2-core machine they took 40-115 s each, so 90 s was too tight.
  it('rotate-secret-key re-seals every secret in one go, and refuses a wrong old key without writing', async () => {
    const env = {
      ...(await freshDatabaseEnv(freshDir())),
      OPSDESK_SECRET_KEY: OLD_KEY,
      OPSDESK_NEW_PASSWORD: 'north owner password',
    };
    expect(
      (
        await runCli(
          ['create-org', '--name', 'North', '--slug', 'north', '--owner-email', 'o@north.example'],
          env,
        )
      ).code,
    ).toBe(0);
    // A row as older versions wrote it (plaintext), and a pass signing key sealed under the old key.
    const northId = await withDatabase(env, async (database) => {
      const org = (await findOrganizationBySlug(database.db, 'north'))!;
      await database.pool.query(`update organization set settings = $1 where id = $2`, [
        JSON.stringify({
          whatsapp: { phoneNumberId: '15550001', accessToken: ACCESS_TOKEN },
          telegram: { botToken: BOT_TOKEN },
        }),
        org.id,
      ]);
      await ensurePassKey(
        systemCtx({ orgId: org.id, db: database.forOrg(org.id), clock: systemClock, events, job: 'test' }),
        OLD_KEY,
      );
      return org.id;
    });
    // Any start seals the plaintext it finds.
    expect(
      (await runCli(['create-user', '--email', 'ops@north.example', '--org', 'north', '--role', 'ops'], env))
        .code,
    ).toBe(0);
    const sealedUnderOld = await withDatabase(env, async (database) => {
      const { rows } = await database.pool.query('select settings from organization where id = $1', [
        northId,
      ]);
      return JSON.stringify(rows[0].settings);
    });
    expect(sealedUnderOld).not.toContain(ACCESS_TOKEN);
    expect(sealedUnderOld).not.toContain(BOT_TOKEN);

    const rotate = (oldKey: string) =>
      runCli(['rotate-secret-key'], { ...env, OPSDESK_SECRET_KEY: NEW_KEY, OPSDESK_OLD_SECRET_KEY: oldKey });
    const refused = await rotate('a-wrong-old-key-a-wrong-old-key-a-wrong');
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/rotation refused, nothing was changed: .*old key does not open/);
    await withDatabase(env, async (database) => {
      const { rows } = await database.pool.query('select settings from organization where id = $1', [
        northId,
      ]);
      expect(JSON.stringify(rows[0].settings)).toBe(sealedUnderOld);
    });

    const done = await rotate(OLD_KEY);
    expect(done.code).toBe(0);
    expect(done.output).toMatch(
      /Re-sealed 2 secret setting\(s\), 0 outbox one-time secret\(s\), 1 pass signing key\(s\)[^\n]* under the new key/,
    );
    expect((await rotate(OLD_KEY)).output).toMatch(
      /Re-sealed 0 secret setting\(s\), 0 outbox one-time secret\(s\), 0 pass signing key\(s\)[\s\S]*2 secret setting\(s\) were already under the new key/,
    );

    await withDatabase(env, async (database) => {
      const config = testConfig({ OPSDESK_SECRET_KEY: NEW_KEY });
      expect(await createWhatsAppAccounts(database.db, config).forOrg(northId)).toMatchObject({
        accessToken: ACCESS_TOKEN,
      });
      expect(await createTelegramAccounts(database.db, config).forOrg(northId)).toMatchObject({
        token: BOT_TOKEN,
      });
      const ctx = systemCtx({
        orgId: northId,
        db: database.forOrg(northId),
        clock: systemClock,
        events,
        job: 'test',
      });
      const subject = { type: 'mess', id: '0b0a2c1e-7d7e-4a52-9a55-3f1f0e7f3a10' };
      await expect(issuePass(ctx, { secretKey: NEW_KEY, subject })).resolves.toMatchObject({
        passVersion: 1,
      });
      await expect(issuePass(ctx, { secretKey: OLD_KEY, subject })).rejects.toThrow();
    });
  }, 300_000);
});
