import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3Standin, startS3Standin } from '../standins/s3.ts';
import { type BuiltServer, runCli, startBuiltServer } from '../support/processes.ts';
import { freshDatabaseEnv } from '../support/test-database.ts';
import { showServerLogOnFailure } from './server-log.ts';
import { signIn, tryToSignIn } from './staff-session.ts';

// The nightly backup as the image's cron runs it: `opsdesk backup --to s3://…` from the built CLI
// (the AWS SDK loaded lazily from the bundle), then, on another machine, `opsdesk restore s3://…`
// straight from the bucket and `opsdesk web` on the restored database.

const KEEPER = 'keeper@backup.example';
const PASSWORD = 'correct horse battery staple';
const OLDER = 'opsdesk-2026-01-01T02-30-00-000Z.dump';
const SCHEDULED = /^offsite\/nightly\/opsdesk-\d{4}-\d{2}-\d{2}T[\d-]+Z\.dump$/;

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsdesk-dist-backup-'));
  dirs.push(dir);
  return dir;
};
let s3: S3Standin;
let restored: BuiltServer | undefined;
beforeAll(async () => {
  s3 = await startS3Standin({ buckets: ['offsite'] });
});
showServerLogOnFailure(() => restored?.output());
afterAll(async () => {
  await restored?.stop();
  await s3?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('opsdesk backup --to s3:// and restore, from the built CLI', () => {
  it('uploads tonight’s backup, drops the one past retention, and restores it to a database where staff sign in', async () => {
    const s3Env = {
      S3_ENDPOINT: s3.url,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: 'standin-secret',
    };
    const original = { ...(await freshDatabaseEnv(freshDir())), ...s3Env };
    const created = await runCli(['create-user', '--email', KEEPER, '--role', 'owner'], {
      ...original,
      OPSDESK_NEW_PASSWORD: PASSWORD,
    });
    expect(created.code, created.output).toBe(0);
    // Last night's backup is in the bucket; another installation's beside it is not ours to remove.
    for (const key of [
      `offsite/nightly/${OLDER}`,
      'offsite/elsewhere/opsdesk-2020-01-01T00-00-00-000Z.dump',
    ]) {
      s3.objects.set(key, {
        body: Buffer.from('an older backup'),
        contentType: 'application/octet-stream',
        etag: '"older"',
        lastModified: new Date(),
        checksums: {},
      });
    }

    const backup = await runCli(['backup', '--to', 's3://offsite/nightly', '--keep', '1'], original);
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toContain(`Removed ${OLDER}`);
    const keys = [...s3.objects.keys()].sort();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe('offsite/elsewhere/opsdesk-2020-01-01T00-00-00-000Z.dump');
    expect(keys[1]).toMatch(SCHEDULED);

    // Another machine restores straight from the bucket (issue 54 item 23): the newest backup under
    // the prefix `backup --to` wrote to; a key that is not there is a clear refusal.
    const copy = { ...(await freshDatabaseEnv(freshDir())), ...s3Env };
    const missing = await runCli(['restore', 's3://offsite/nightly/opsdesk-1999.dump'], copy);
    expect(missing.code).not.toBe(0);
    expect(missing.output).toContain('restore: cannot read s3://offsite/nightly/opsdesk-1999.dump');
    const restore = await runCli(['restore', 's3://offsite/nightly/'], copy);
    expect(restore.code, restore.output).toBe(0);
    expect(restore.output).toContain(`Restored s3://${keys[1]}.`);

    restored = await startBuiltServer(['web'], copy);
    expect((await tryToSignIn(restored.url, KEEPER, 'a guess')).answer.status).toBe(401);
    const keeper = await signIn(restored.url, KEEPER, PASSWORD);
    expect((await keeper.get('/api/auth/session')).json()).toMatchObject({ user: { email: KEEPER } });
  }, 180_000);
});
