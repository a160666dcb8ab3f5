import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { paidStudentsWithPasses } from '../test/support/mess-passes.ts';
import { type RunningApp, spawnApp } from '../test/support/processes.ts';
import { startRoundRobinProxy } from '../test/support/round-robin-proxy.ts';
import { freshDatabaseEnv } from '../test/support/test-database.ts';
import { type LoadResult, measure, printTable, request } from './lib/load.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const CONCURRENCY = 32;
const OWNER = 'owner@scale.bench';
const PASSWORD = 'bench-password-123';

/**
 * `npm run bench scale` (PostgreSQL only: DATABASE_URL): the scaling factor of `web` processes.
 * The same mixed staff load — a mess counter scan, a raffle order taken by phone, a page of the
 * orders list, in turn — from 32 closed loops through a round-robin proxy to 1, 2 and 3 web
 * processes (two workers throughout), beside single-row UPDATE tps on the same server in the same
 * run. Where requests/s stops growing with the web count is where this machine stops scaling out.
 */
export async function benchScale(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log('scale: needs DATABASE_URL (several processes share one PostgreSQL server); skipped');
    return;
  }
  const rows: LoadResult[] = [await updateBaseline(url)];
  for (const webCount of [1, 2, 3]) rows.push(await mixedLoad(webCount));
  printTable(
    `Scale-out: mixed staff load, ${CONCURRENCY} loops through a round-robin proxy (PostgreSQL)`,
    rows,
  );
}

async function updateBaseline(url: string): Promise<LoadResult> {
  const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY });
  try {
    await pool.query('drop table if exists bench_scale_accounts');
    await pool.query('create table bench_scale_accounts (id int primary key, balance int not null)');
    await pool.query('insert into bench_scale_accounts select n, 0 from generate_series(1, 1000) n');
    return await measure({
      label: 'baseline: single-row UPDATE tps',
      concurrency: CONCURRENCY,
      durationMs: DURATION,
      fire: () =>
        pool
          .query('update bench_scale_accounts set balance = balance + 1 where id = $1', [
            1 + Math.floor(Math.random() * 1000),
          ])
          .then(() => {}),
    });
  } finally {
    await pool.query('drop table if exists bench_scale_accounts').catch(() => undefined);
    await pool.end();
  }
}

async function mixedLoad(webCount: number): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'opsdesk-bench-scale-'));
  const env = {
    ...(await freshDatabaseEnv(dir)),
    FIXTURE_OWNER: `${OWNER}:${PASSWORD}`,
    OPSDESK_RATE_LIMIT_PER_MINUTE: '100000000',
  };
  const apps: RunningApp[] = [await spawnApp({ ...env, FIXTURE_ROLE: 'web' })];
  for (let i = 1; i < webCount; i++) apps.push(await spawnApp({ ...env, FIXTURE_ROLE: 'web' }));
  const webs = [...apps];
  apps.push(await spawnApp(env), await spawnApp(env));
  const proxy = await startRoundRobinProxy(webs.map((w) => w.port));
  try {
    const headers = await signIn(proxy.url);
    const { raffleId, passes } = await setUp(proxy.url, headers);
    let buyer = 0;
    return await measure({
      label: `web ×${webCount} + worker ×2`,
      concurrency: CONCURRENCY,
      durationMs: DURATION,
      fire: async (loop, i) => {
        const kind = (loop + i) % 3;
        if (kind === 0) {
          await request(`${proxy.url}/api/mess/scans`, {
            method: 'POST',
            headers,
            body: JSON.stringify({
              deviceId: `bench-${loop}`,
              scans: [
                {
                  nonce: randomUUID(),
                  code: passes[(loop * 7 + i) % passes.length],
                  scannedAt: new Date().toISOString(),
                  offline: false,
                },
              ],
            }),
          });
        } else if (kind === 1) {
          await request(`${proxy.url}/api/raffle/raffles/${raffleId}/reservations`, {
            method: 'POST',
            headers: { ...headers, 'idempotency-key': randomUUID() },
            body: JSON.stringify({ waId: `59598${String(++buyer).padStart(7, '0')}`, random: 1 }),
          });
        } else {
          await request(`${proxy.url}/api/raffle/orders?raffleId=${raffleId}&perPage=25`, { headers });
        }
      },
    });
  } finally {
    await proxy.close();
    for (const app of apps) app.child.kill('SIGTERM');
    await Promise.all(
      apps.map((a) => new Promise((r) => (a.child.exitCode !== null ? r(null) : a.child.once('exit', r)))),
    );
    rmSync(dir, { recursive: true, force: true });
  }
}

async function signIn(base: string): Promise<Record<string, string>> {
  const res = await request(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: OWNER, password: PASSWORD }),
  });
  const cookie = String(res.headers['set-cookie']?.[0]).split(';')[0]!;
  return { cookie, 'x-csrf-token': JSON.parse(res.body).csrfToken, 'content-type': 'application/json' };
}

/** A raffle with room for every order the run takes, and 20 paid students' passes. */
async function setUp(base: string, headers: Record<string, string>) {
  const send = async (method: 'POST' | 'PATCH', path: string, body: unknown) =>
    JSON.parse((await request(`${base}${path}`, { method, headers, body: JSON.stringify(body) })).body);
  const post = (path: string, body: unknown) => send('POST', path, body);
  const raffle = await post('/api/raffle/raffles', {
    title: 'Scale bench',
    priceMinor: 100,
    currency: 'USD',
    minNumber: 1,
    maxNumber: 100_000,
    maxPerOrder: 3,
    prizes: ['Prize'],
  });
  await post(`/api/raffle/raffles/${raffle.id}/start-selling`, {});
  const passes = await paidStudentsWithPasses(
    {
      send,
      bytes: async (path) => Buffer.from(await (await fetch(`${base}${path}`, { headers })).arrayBuffer()),
    },
    20,
    'SB',
  );
  return { raffleId: raffle.id as string, passes };
}
