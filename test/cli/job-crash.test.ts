import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/db/index.ts';
import { countWords } from '../fixtures/notes/notes.module.ts';
import { eventually } from '../support/eventually.ts';
import { type RunningApp, spawnApp } from '../support/processes.ts';
import { freshDatabaseEnv } from '../support/test-database.ts';

/** `jobSuperviseSeconds` of test/fixtures/run-app.ts: pg-boss's supervise and monitor intervals. */
const SUPERVISE_SECONDS = 1;
const POLLING_SECONDS = 0.5;
/**
 * How long after the restart the retried job may take: its expiry, then the next monitor step
 * (up to one interval away, see stampMonitorStep), one supervise tick and one poll; the rest is
 * room for a loaded machine. With pg-boss's default 60 s monitor interval this is always missed.
 */
const RECOVERY_BOUND_MS =
  (countWords.expireInSeconds! + 2 * SUPERVISE_SECONDS + POLLING_SECONDS) * 1000 + 15_000;

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

/**
 * Stamps the queue's monitor step as just run, as pg-boss does at the start of each step: the state a
 * process leaves behind when it is killed right after its own monitor step. Which process got there
 * first was a race (it decided whether the old test passed); stamping it here makes the worst case
 * the one tested, every run, on both databases.
 */
async function stampMonitorStep(queue: string): Promise<string> {
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.OPSDESK_DATA_DIR });
  try {
    await database.pool.query('update pgboss.queue set monitor_claim_on = now() where name = $1', [queue]);
    const { rows } = await database.pool.query<{ state: string }>(
      'select state from pgboss.job where name = $1',
      [queue],
    );
    return rows.map((r) => r.state).join(',');
  } finally {
    await database.close();
  }
}

describe('a job whose process is killed mid-run', () => {
  it('is retried after a restart within its expiry plus one monitor interval; nothing committed is lost', async () => {
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
    // The kill left the job active, and no process is left to finish it.
    expect(await stampMonitorStep(countWords.name)).toBe('active');

    running = await spawnApp(env);
    call = await signIn(running);
    const counted = await eventually(
      async () => {
        const n = await call(`/api/notes/notes/${note.id}`);
        return n.words === null ? undefined : n;
      },
      { timeoutMs: RECOVERY_BOUND_MS, what: 'the killed job to be retried and finish' },
    );
    expect(counted.title).toBe('crash me');
    expect(counted.words).toBe(3);
    const jobs = (await call('/api/jobs?name=notes.count-words')).items;
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ state: 'completed', attempts: 2 });
  }, 120_000);
});
