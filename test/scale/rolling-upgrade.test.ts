import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { type RunningApp, spawnApp } from '../support/processes.ts';
import { freshDatabaseEnv } from '../support/test-database.ts';

/**
 * A rolling upgrade across one expand migration (docs/production.md, "Upgrades"), on PostgreSQL:
 * the current release serves while the next one starts, migrates and serves beside it. The current
 * release never sees an error, each release reads what the other wrote, and the current release
 * still starts on the migrated database (a process restarted mid-rollout).
 */

const OWNER = 'owner@upgrade.example';
const PASSWORD = 'old and new side by side';
let dir: string;
let env: Record<string, string>;
const running: RunningApp[] = [];
let db: pg.Client;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'opsdesk-upgrade-'));
  env = {
    ...(await freshDatabaseEnv(dir)),
    FIXTURE_OWNER: `${OWNER}:${PASSWORD}`,
    // The traffic below is one client looping as fast as the server answers: on a quick machine it
    // passes the per-client limit (600 a minute) within seconds and every request after is a 429.
    // The limiter has its own tests; here it would only measure the machine's speed.
    OPSDESK_RATE_LIMIT_PER_MINUTE: '1000000',
  };
  db = new pg.Client({ connectionString: env.DATABASE_URL });
  await db.connect();
}, 60_000);
afterAll(async () => {
  for (const app of running) app.child.kill('SIGTERM');
  await db?.end();
  rmSync(dir, { recursive: true, force: true });
});

async function start(next: boolean): Promise<RunningApp> {
  const app = await spawnApp({ ...env, ...(next ? { FIXTURE_NEXT_RELEASE: '1' } : {}) });
  running.push(app);
  return app;
}

async function session(app: RunningApp) {
  const res = await fetch(app.url('/api/auth/login'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: OWNER, password: PASSWORD }),
  });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('opsdesk_session='))!
    .split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  return async (method: string, path: string, body?: unknown) => {
    const r = await fetch(app.url(path), {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: r.status, body: (await r.json()) as never };
  };
}

describe('rolling upgrade across an expand migration (PostgreSQL)', () => {
  it('keeps the current release serving while the next one migrates and runs beside it', async () => {
    const current = await start(false);
    const onCurrent = await session(current);

    // The current release is busy the whole time: it writes and reads notes until told to stop.
    const errors: string[] = [];
    let written = 0;
    let stop = false;
    const traffic = (async () => {
      while (!stop) {
        const created = await onCurrent('POST', '/api/notes/notes', { title: `current ${written}` });
        if (created.status !== 201) errors.push(`POST ${created.status} ${JSON.stringify(created.body)}`);
        else written++;
        const listed = await onCurrent('GET', '/api/notes/notes');
        if (listed.status !== 200) errors.push(`GET ${listed.status}`);
      }
    })();
    await eventually(() => written >= 5, { what: 'the current release serving' });

    const next = await start(true); // migrates while the current release serves
    const applied = await db.query(`select name from opsdesk_migration where scope = 'notes' order by name`);
    expect(applied.rows.map((r) => r.name)).toEqual([
      '20261122_0001_notes.sql',
      '20261122_0002_notes_pinned.sql',
    ]);

    const onNext = await session(next);
    const mine = (await onNext('POST', '/api/notes/notes', { title: 'next release' })) as {
      status: number;
      body: { id: string };
    };
    expect(mine.status).toBe(201);
    const theirs = (
      (await onNext('GET', '/api/notes/notes')) as { body: Array<{ id: string; title: string }> }
    ).body;
    const older = theirs.find((n) => n.title === 'current 0')!;
    expect((await onNext('POST', `/api/notes/notes/${older.id}/pin`)).status).toBe(200);
    expect((await onNext('GET', '/api/notes/pinned')).body).toEqual([{ id: older.id, title: 'current 0' }]);

    // The current release reads what the next one wrote, and keeps writing after the migration.
    const before = written;
    await eventually(() => written >= before + 5, {
      what: 'the current release writing after the migration',
    });
    const seenByCurrent = (await onCurrent('GET', '/api/notes/notes')) as {
      body: Array<{ title: string }>;
    };
    expect(seenByCurrent.body.map((n) => n.title)).toContain('next release');

    // A current-release process restarted mid-rollout starts on the migrated database.
    const restarted = await start(false);
    expect((await (await session(restarted))('GET', `/api/notes/notes/${mine.body.id}`)).status).toBe(200);

    stop = true;
    await traffic;
    expect(errors).toEqual([]);
    const pinned = await db.query(`select count(*)::int as n from notes_note where pinned`);
    expect(pinned.rows[0].n).toBe(1);
  }, 180_000);
});
