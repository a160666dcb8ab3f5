import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScheduledBackup } from '../../src/app/backups.ts';
import { openDatabase } from '../../src/platform/db/index.ts';
import { type S3Standin, startS3Standin } from '../standins/s3.ts';
import { runCli } from '../support/processes.ts';
import { freshDatabaseEnv } from '../support/test-database.ts';

// Scheduled backups with retention, and restores onto a copy, on whichever database the run uses
// (PGlite data folder, or with DATABASE_URL a PostgreSQL server through pg_dump / pg_restore).

const PASSWORD = 'correct horse battery';
const dirs: string[] = [];
const freshDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'opsdesk-backups-'));
  dirs.push(d);
  return d;
};
let s3: S3Standin;
beforeAll(async () => {
  s3 = await startS3Standin({ buckets: ['offsite'] });
});
afterAll(async () => {
  await s3?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const SCHEDULED = /^opsdesk-\d{4}-\d{2}-\d{2}T[\d-]+Z\.dump$/;

async function addUser(env: Record<string, string>, email: string) {
  const run = await runCli(['create-user', '--email', email, '--role', 'ops'], env);
  expect(run.code, run.output).toBe(0);
}

/**
 * Every table of the database `env` names (the app's and the job queue's), each as its row count and
 * a digest of all its rows in a fixed order: two databases with equal digests hold the same data.
 */
async function everyTable(env: Record<string, string>): Promise<Record<string, string>> {
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.OPSDESK_DATA_DIR! });
  try {
    const { rows: tables } = await database.pool.query<{ name: string }>(
      `select format('%I.%I', table_schema, table_name) as name from information_schema.tables
        where table_schema in ('public', 'pgboss') and table_type = 'BASE TABLE' order by 1`,
    );
    const digests: Record<string, string> = {};
    for (const { name } of tables) {
      const { rows } = await database.pool.query<{ n: number; digest: string }>(
        `select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${name} t`,
      );
      digests[name] = `${rows[0]!.n} rows ${rows[0]!.digest}`;
    }
    return digests;
  } finally {
    await database.close();
  }
}

describe('opsdesk backup on a schedule', () => {
  it('keeps the newest backups in a folder, and the newest restores onto a copy with every table equal', async () => {
    const env: Record<string, string> = { ...(await freshDatabaseEnv(freshDir())) };
    const target = { url: env.DATABASE_URL, dataDir: env.OPSDESK_DATA_DIR! };
    const folder = join(freshDir(), 'nightly');
    const seeded = await runCli(['seed-demo'], env); // data in every module's tables
    expect(seeded.code, seeded.output).toBe(0);
    // Two older nightly runs (their moments injected), then tonight's through the command line.
    for (const day of ['2026-11-20', '2026-11-21']) {
      await runScheduledBackup(target, { dir: folder }, { keep: 2, now: new Date(`${day}T02:30:00Z`) });
    }
    expect(readdirSync(folder)).toHaveLength(2);
    const tonight = await runCli(['backup', '--dir', folder, '--keep', '2'], env);
    expect(tonight.code, tonight.output).toBe(0);
    expect(tonight.output).toMatch(/kept the newest 2\.\nRemoved opsdesk-2026-11-20T02-30-00-000Z\.dump/);
    const kept = readdirSync(folder).sort();
    expect(kept).toHaveLength(2);
    expect(kept[0]).toBe('opsdesk-2026-11-21T02-30-00-000Z.dump');
    expect(kept[1]).toMatch(SCHEDULED);

    const copy = await freshDatabaseEnv(freshDir());
    const restore = await runCli(['restore', join(folder, kept[1]!)], copy);
    expect(restore.code, restore.output).toBe(0);
    const [original, restored] = [await everyTable(env), await everyTable(copy)];
    expect(Object.keys(original).length).toBeGreaterThan(40);
    expect(original['public.raffle_ticket']).not.toMatch(/^0 rows/);
    expect(original['public.mess_student']).not.toMatch(/^0 rows/);
    expect(restored).toEqual(original);
  }, 180_000);

  it('uploads to an S3-compatible bucket under a prefix and removes the oldest beyond the retention there only', async () => {
    const env: Record<string, string> = {
      ...(await freshDatabaseEnv(freshDir())),
      OPSDESK_NEW_PASSWORD: PASSWORD,
    };
    s3.objects.set('offsite/elsewhere/opsdesk-2020-01-01T00-00-00-000Z.dump', {
      body: Buffer.from('another installation'),
      contentType: 'application/octet-stream',
      etag: '"x"',
      lastModified: new Date(),
      checksums: {},
    });
    await addUser(env, 'before@example.com');
    const target = { url: env.DATABASE_URL, dataDir: env.OPSDESK_DATA_DIR! };
    const settings = {
      S3_ENDPOINT: s3.url,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: 'standin-secret',
    };
    const first = await runScheduledBackup(
      target,
      { s3: 's3://offsite/north' },
      { keep: 1, now: new Date('2026-11-21T02:30:00Z'), s3: settings },
    );
    expect(first).toMatchObject({
      location: 's3://offsite/north/opsdesk-2026-11-21T02-30-00-000Z.dump',
      removed: [],
    });
    const second = await runScheduledBackup(
      target,
      { s3: 's3://offsite/north/' },
      { keep: 1, now: new Date('2026-11-22T02:30:00Z'), s3: settings },
    );
    expect(second.removed).toEqual(['opsdesk-2026-11-21T02-30-00-000Z.dump']);
    const north = [...s3.objects.keys()].filter((k) => k.startsWith('offsite/north/'));
    expect(north).toEqual(['offsite/north/opsdesk-2026-11-22T02-30-00-000Z.dump']);
    expect(s3.objects.get(north[0]!)!.body.length).toBe(second.bytes);
    expect(s3.objects.has('offsite/elsewhere/opsdesk-2020-01-01T00-00-00-000Z.dump')).toBe(true);
  }, 120_000);

  it('refuses a retention that would keep nothing, before writing anything', async () => {
    const folder = join(freshDir(), 'none');
    const run = await runCli(['backup', '--dir', folder, '--keep', '0'], { OPSDESK_DATA_DIR: freshDir() });
    expect(run.code).toBe(2);
    expect(run.output).toMatch(/--keep expects a whole number ≥ 1, got 0/);
    expect(() => readdirSync(folder)).toThrow();
  });
});
