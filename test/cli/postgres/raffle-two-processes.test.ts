import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, spawnApp } from '../../support/processes.ts';
import { freshDatabaseEnv } from '../../support/test-database.ts';

const OWNER = 'owner@raffle.example';
const PASSWORD = 'two processes, one database';
let dir: string;
let env: Record<string, string>;
let a: RunningApp;
let b: RunningApp;
let db: pg.Client;

type Session = { cookie: string; csrf: string };
async function signIn(app: RunningApp): Promise<Session> {
  const res = await fetch(app.url('/api/auth/login'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: OWNER, password: PASSWORD }),
  });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('opsdesk_session='))!
    .split(';')[0]!;
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}
async function call(app: RunningApp, s: Session, method: string, path: string, body?: unknown) {
  const res = await fetch(app.url(path), {
    method,
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrf,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & { id: string } };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'opsdesk-raffle-2p-'));
  env = {
    ...(await freshDatabaseEnv(dir)),
    FIXTURE_OWNER: `${OWNER}:${PASSWORD}`,
    OPSDESK_RATE_LIMIT_PER_MINUTE: '100000',
  };
  a = await spawnApp(env); // migrates first
  b = await spawnApp(env);
  db = new pg.Client({ connectionString: env.DATABASE_URL });
  await db.connect();
}, 90_000);
afterAll(async () => {
  a?.child.kill('SIGTERM');
  b?.child.kill('SIGTERM');
  await db?.end();
  rmSync(dir, { recursive: true, force: true });
});

describe('raffle on PostgreSQL with two server processes', () => {
  it('never gives one number to two orders when both processes reserve and confirm/cancel at once', async () => {
    const [sa, sb] = [await signIn(a), await signIn(b)];
    const raffle = await call(a, sa, 'POST', '/api/raffle/raffles', {
      title: 'Two processes',
      priceMinor: 500,
      currency: 'USD',
      minNumber: 1,
      maxNumber: 20,
      maxPerOrder: 3,
      prizes: ['Prize'],
    });
    expect(raffle.status).toBe(201);
    expect((await call(b, sb, 'POST', `/api/raffle/raffles/${raffle.json.id}/start-selling`)).status).toBe(
      200,
    );

    const attempts = Array.from({ length: 48 }, (_, i) => ({
      app: i % 2 ? b : a,
      session: i % 2 ? sb : sa,
      body: {
        waId: `5959815${String(i).padStart(5, '0')}`,
        ...(i % 3 === 0
          ? { random: 2 }
          : { numbers: [(i % 10) + 1, ((i * 3) % 20) + 1].filter((n, k, all) => all.indexOf(n) === k) }),
      },
    }));
    const results = await Promise.all(
      attempts.map((x) =>
        call(x.app, x.session, 'POST', `/api/raffle/raffles/${raffle.json.id}/reservations`, x.body),
      ),
    );
    for (const r of results) expect([201, 409]).toContain(r.status);
    const created = results.filter((r) => r.status === 201).map((r) => r.json);
    expect(created.length).toBeGreaterThan(3);

    const numbers = created.flatMap((o) => o.numbers as number[]);
    expect(new Set(numbers).size).toBe(numbers.length);
    const { rows } = await db.query<{ number: number; order_id: string }>(
      "select number, order_id from raffle_ticket where raffle_id = $1 and status = 'held'",
      [raffle.json.id],
    );
    expect(rows).toHaveLength(numbers.length);
    for (const o of created)
      for (const n of o.numbers as number[]) expect(rows.find((t) => t.number === n)!.order_id).toBe(o.id);

    const races = await Promise.all(
      created.map(async (o, i) => {
        const [confirm, cancel] = await Promise.all([
          call(i % 2 ? a : b, i % 2 ? sa : sb, 'POST', `/api/raffle/orders/${o.id}/confirm`),
          call(i % 2 ? b : a, i % 2 ? sb : sa, 'POST', `/api/raffle/orders/${o.id}/cancel`),
        ]);
        return [confirm.status, cancel.status].sort();
      }),
    );
    for (const r of races) expect(r).toEqual([200, 409]);
    const sold = await db.query<{ n: string }>(
      "select count(*) as n from raffle_ticket where raffle_id = $1 and status = 'sold'",
      [raffle.json.id],
    );
    const paid = await db.query<{ n: string }>(
      "select coalesce(sum(quantity), 0) as n from raffle_order where raffle_id = $1 and status = 'paid'",
      [raffle.json.id],
    );
    expect(sold.rows[0]!.n).toBe(paid.rows[0]!.n);
  });
});
