import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, spawnApp } from '../../support/processes.ts';

const dirs: string[] = [];
const freshDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'opsdesk-cli-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

// Embedded-database behaviour of the CLI; vitest.config.ts runs this folder only without DATABASE_URL.

describe('opsdesk CLI', () => {
  it('explains each wrong setting and exits with status 2', async () => {
    const { code, output } = await runCli(['migrate'], { PORT: 'eighty', OPSDESK_TIMEZONE: 'Nowhere/Land' });
    expect(code).toBe(2);
    expect(output).toMatch(/PORT: expected a port number/);
    expect(output).toMatch(/OPSDESK_TIMEZONE: expected an IANA time zone/);
  }, 120_000); // a CLI process loading the app through tsx

  it('shows help for every command', async () => {
    const { output } = await runCli(['--help'], {});
    for (const command of [
      'start',
      'web',
      'worker',
      'migrate',
      'create-user',
      'seed-demo',
      'create-org',
      'rotate-secret-key',
      'backup',
      'restore',
    ]) {
      expect(output).toContain(command);
    }
    expect((await runCli(['backup', '--help'], {})).output).toMatch(/Write the whole database to one file/);
  }, 120_000); // two CLI processes, each loading the app through tsx (3.6 s each idle; over 30 s at load 10)

  it('migrates once, then reports the database up to date', async () => {
    const env = { OPSDESK_DATA_DIR: freshDir() };
    expect((await runCli(['migrate'], env)).output).toMatch(/Applied \d+ migration/);
    expect((await runCli(['migrate'], env)).output).toMatch(/up to date/);
  }, 120_000); // two CLI processes, each loading the app through tsx (a fresh migrate took 23 s at load 8)

  it('refuses a second process on the same embedded data folder, with a clear message', async () => {
    const env = { OPSDESK_DATA_DIR: freshDir() };
    const app = await spawnApp(env);
    try {
      const { code, output } = await runCli(['migrate'], env);
      expect(code).toBe(1);
      expect(output).toMatch(/in use by another Opsdesk process/);
      expect(output).toMatch(/DATABASE_URL/);
    } finally {
      app.child.kill('SIGTERM');
      await new Promise((r) => app.child.once('exit', r));
    }
  }, 120_000); // a server and a CLI process, each loading the app through tsx

  it('backs up and restores the embedded database: data written after the backup is gone, data before is back', async () => {
    const env = { OPSDESK_DATA_DIR: freshDir(), OPSDESK_NEW_PASSWORD: 'correct horse battery' };
    const file = join(freshDir(), 'backup.dump');
    expect(
      (await runCli(['create-user', '--email', 'before@example.com', '--role', 'owner'], env)).code,
    ).toBe(0);
    const backup = await runCli(['backup', file], env);
    expect(backup.output).toMatch(/Backup written/);
    expect((await runCli(['create-user', '--email', 'after@example.com', '--role', 'ops'], env)).code).toBe(
      0,
    );
    const restore = await runCli(['restore', file], env);
    expect(restore.output).toMatch(/Restored .* previous data is kept in/);

    const app = await spawnApp(env);
    try {
      const login = (email: string) =>
        fetch(app.url('/api/auth/login'), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: 'correct horse battery' }),
        }).then((r) => r.status);
      expect(await login('before@example.com')).toBe(200);
      expect(await login('after@example.com')).toBe(401);
    } finally {
      app.child.kill('SIGTERM');
      await new Promise((r) => app.child.once('exit', r));
    }
    // Five processes, each opening the embedded database: ~10 s of CPU each, far longer on a busy machine.
  }, 300_000);
});
