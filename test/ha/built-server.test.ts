import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { type BuiltServer, runCli, startBuiltServer } from '../support/processes.ts';
import { type HaCluster, haAvailable, startHaCluster } from './cluster.ts';

/**
 * What ships, on a pg_auto_failover pair: the built `opsdesk web` (what the image and the systemd units
 * run) given the URL `pg_autoctl show uri` prints, through the loss of the primary's server, and
 * `opsdesk backup` through the same URL afterwards (pg_dump, which libpq points at the new primary).
 * failover.test.ts runs the sources under a mixed load; this is the bundle.
 */
const OWNER = { email: 'owner@ha.example', password: 'a pair of servers, one primary' };

let cluster: HaCluster;
let server: BuiltServer;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  if (!haAvailable())
    throw new Error(
      'test/ha needs pg_autoctl and PostgreSQL 15 (apt-get install postgresql-15-auto-failover pg-auto-failover-cli)',
    );
  dir = mkdtempSync(join(tmpdir(), 'opsdesk-ha-built-'));
  cluster = await startHaCluster({ fastDetection: true });
  env = {
    DATABASE_URL: cluster.url,
    OPSDESK_DATA_DIR: dir,
    // Each write below is a sign-in (a session row): lift the sign-in limit, not the point here.
    OPSDESK_LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
  };
  // `web`, the HTTP process of a formation with workers of their own: the process the load balancer sends
  // people to. (`start` also starts the job workers after it answers; a failover in those seconds ends it.)
  const owner = await runCli(['create-user', '--email', OWNER.email, '--role', 'owner'], {
    ...env,
    OPSDESK_NEW_PASSWORD: OWNER.password,
  });
  expect(owner.code, owner.output).toBe(0);
  server = await startBuiltServer(['web'], env, { timeoutMs: 180_000 });
}, 240_000);

afterAll(async () => {
  await server?.stop();
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 120_000);

interface Answer {
  at: number;
  status: number;
  contentType: string | null;
  retryAfter: string | null;
}

/** A sign-in: a write (its session row) that needs the primary. No answer at all is status 0. */
async function signIn(): Promise<Answer> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(OWNER),
  }).catch(() => undefined);
  if (!res) return { at: Date.now(), status: 0, contentType: null, retryAfter: null };
  await res.arrayBuffer();
  return {
    at: Date.now(),
    status: res.status,
    contentType: res.headers.get('content-type'),
    retryAfter: res.headers.get('retry-after'),
  };
}

describe('the built server on a pg_auto_failover pair', () => {
  it('answers 503 with Retry-After while the primary is lost, and takes writes again on the new primary', async () => {
    expect((await signIn()).status).toBe(200);
    const answers: Answer[] = [];
    onTestFailed(() => {
      // How the writes were answered (status 0: no answer), then the server's and the keepers' logs.
      const statuses = new Map<number, number>();
      for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
      console.log([...statuses], `\n${server.output().slice(-6000)}\n${cluster.logs()}`);
    });
    let writing = true;
    const writer = (async () => {
      while (writing) answers.push(await signIn());
    })();

    const lostAt = Date.now();
    await cluster.crash(await cluster.primary());
    const promotedAt = await cluster.promotedAt(lostAt);
    const back = await eventually(() => answers.find((a) => a.at > promotedAt && a.status === 200), {
      what: 'a sign-in after the promotion',
      timeoutMs: 30_000,
      everyMs: 100,
    });
    writing = false;
    await writer;

    const refused = answers.filter((a) => a.status !== 200);
    expect(refused.length).toBeGreaterThan(0);
    // Every refusal was the database's: 503 problem+json asking to come back in 2 s; never a 500, never
    // a connection dropped (status 0: the process ended).
    expect(
      refused.filter(
        (a) =>
          a.status !== 503 || !a.contentType?.startsWith('application/problem+json') || a.retryAfter !== '2',
      ),
    ).toEqual([]);
    expect(back.at - promotedAt).toBeLessThan(15_000);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    console.log(
      `built server: kill -> promotion ${((promotedAt - lostAt) / 1000).toFixed(1)} s, promotion -> first sign-in ` +
        `${((back.at - promotedAt) / 1000).toFixed(1)} s, ${refused.length} answers 503`,
    );
  });

  it('backs the database up through the same URL, from the new primary', async () => {
    const file = join(dir, 'after-failover.dump');
    const { code, output } = await runCli(['backup', file], env);
    expect(code, output).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).size).toBeGreaterThan(10_000);
  });
});
