import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type RunningApp, spawnApp } from '../../support/processes.ts';
import { freshDatabaseEnv } from '../../support/test-database.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-crash-'));
let env: Record<string, string>;
let running: RunningApp | undefined;
beforeAll(async () => {
  env = { ...(await freshDatabaseEnv(dataDir)), FIXTURE_OWNER: 'owner@example.com:correct horse battery' };
});
afterAll(() => {
  running?.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** The few fields these checks read from the API's answers. */
interface ApiJson {
  id: string;
  title: string;
  words: number | null;
  items: Array<{ state: string; attempts: number }>;
}

async function signIn(app: RunningApp) {
  const res = await fetch(app.url('/api/auth/login'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@example.com', password: 'correct horse battery' }),
  });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return (path: string, body?: unknown) =>
    fetch(app.url(path), {
      method: body ? 'POST' : 'GET',
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    }).then((r) => r.json() as Promise<ApiJson>);
}

describe('a job whose process is killed mid-run', () => {
  it('is retried after a restart and completes; nothing committed is lost', async () => {
    running = await spawnApp(env);
    let call = await signIn(running);
    const note = await call('/api/notes/notes', {
      title: 'crash me',
      body: 'three little words',
      sleepMs: 120_000,
      sleepAttempts: 1,
    });
    await eventually(async () =>
      (await call('/api/jobs?state=active')).items.length === 1 ? true : undefined,
    );

    running.child.kill('SIGKILL');
    await new Promise((r) => running!.child.once('exit', r));

    running = await spawnApp(env);
    call = await signIn(running);
    const counted = await eventually(async () => {
      const n = await call(`/api/notes/notes/${note.id}`);
      return n.words === null ? undefined : n;
      // The dead process's job is retried after its expiry (3 s) plus pg-boss's next supervision pass,
      // which on PostgreSQL has taken over 30 s on a loaded CI machine.
    }, 60_000);
    expect(counted.title).toBe('crash me');
    expect(counted.words).toBe(3);
    const jobs = (await call('/api/jobs?name=notes.count-words')).items;
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ state: 'completed', attempts: 2 });
  }, 120_000);
});
