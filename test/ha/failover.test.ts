import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { type MomoSandbox, startMomoSandbox } from '../../src/channels/momo/index.ts';
import {
  startWhatsAppStandin,
  type WhatsAppStandin,
} from '../../src/channels/whatsapp/sandbox/whatsapp-graph.ts';
import { eventually } from '../support/eventually.ts';
import { paidStudentsWithPasses } from '../support/mess-passes.ts';
import { type RunningApp, spawnApp } from '../support/processes.ts';
import { type RoundRobinProxy, startRoundRobinProxy } from '../support/round-robin-proxy.ts';
import { type HaCluster, type HaNode, haAvailable, startHaCluster } from './cluster.ts';
import { expectNothingLostOrDoubled, type Outside } from './invariants.ts';
import { LiveSubscriber } from './live-subscriber.ts';
import { Ledger, type LoadTargets, startMixedLoad } from './mixed-load.ts';
import { ResendingClient } from './resending-client.ts';

/**
 * Issue 68: the product on a pg_auto_failover formation (a monitor, a primary and its synchronous
 * standby) through the loss of the primary's server and through a planned switchover, each under a
 * mixed load (WhatsApp buyers, cash and MoMo sales with MTN's callbacks, refunds, phone orders, mess
 * scans) from two web processes behind a load balancer and one worker, all given the formation's
 * multi-host URL. Clients send again what was answered 502 or 503, or not answered, as real clients
 * do. Afterwards nothing the product acknowledged is lost, nothing is done twice (in the database or
 * at MTN and Meta), the product said 503 with Retry-After while no server took writes and never 500,
 * it took writes again within 15 s of the promotion, and live updates came back.
 */

const SECRET = 'ha-whatsapp-app-secret';
const OWNER = 'owner@ha.example';
const PASSWORD = 'a primary and its standby';
const STUDENTS = 6;
/** Acknowledged writes before the server is lost, and on the new primary before the load stops. */
const WRITES_BEFORE = 30;
const WRITES_AFTER = 30;
/** The bound: the service answers a write again within this of the promotion. */
const BACK_WITHIN_MS = 15_000;

let cluster: HaCluster;
let wa: WhatsAppStandin;
let momo: MomoSandbox;
let proxy: RoundRobinProxy;
let dir: string;
const webs: RunningApp[] = [];
let worker: RunningApp;
const client = new ResendingClient();
const ledger = new Ledger();
let targets: LoadTargets;
let outside: Outside;
let live: LiveSubscriber;
let machine: { id: string; token: string };
/** The node whose server the first test kills, restarted by the second. */
let lost: HaNode | undefined;

beforeAll(async () => {
  if (!haAvailable())
    throw new Error(
      'test/ha needs pg_autoctl and PostgreSQL 15 (apt-get install postgresql-15-auto-failover pg-auto-failover-cli)',
    );
  dir = mkdtempSync(join(tmpdir(), 'opsdesk-ha-apps-'));
  [cluster, wa, momo, proxy] = await Promise.all([
    startHaCluster({ fastDetection: true }),
    startWhatsAppStandin(),
    startMomoSandbox({ payerRules: [{ msisdnSuffix: '111', status: 'SUCCESSFUL' }] }),
    startRoundRobinProxy([]),
  ]);
  const env = {
    DATABASE_URL: cluster.url,
    OPSDESK_DATA_DIR: dir,
    // MTN calls back the X-Callback-Url made from the public address: the load balancer.
    OPSDESK_PUBLIC_URL: proxy.url,
    OPSDESK_CURRENCY: 'RWF',
    FIXTURE_OWNER: `${OWNER}:${PASSWORD}`,
    OPSDESK_RATE_LIMIT_PER_MINUTE: '1000000',
    WHATSAPP_APP_SECRET: SECRET,
    WHATSAPP_ACCESS_TOKEN: wa.accessToken,
    WHATSAPP_PHONE_NUMBER_ID: wa.phoneNumberId,
    WHATSAPP_API_BASE_URL: wa.url,
    WHATSAPP_FLOW: 'raffle',
    ...momo.appEnv(),
  };
  webs.push(await spawnApp({ ...env, FIXTURE_ROLE: 'web' })); // migrates first
  const [second, jobs] = await Promise.all([spawnApp({ ...env, FIXTURE_ROLE: 'web' }), spawnApp(env)]);
  webs.push(second);
  worker = jobs;
  proxy.upstreams.push(...webs.map((w) => w.port));
  // Meta reports each message it accepted, and retries a report the product could not take.
  wa.reportStatusesTo({ to: `${proxy.url}/webhooks/whatsapp`, appSecret: SECRET });
  await setUpBusiness();
}, 240_000);

afterAll(async () => {
  await live?.close();
  for (const app of [...webs, worker]) app?.child.kill('SIGTERM');
  await Promise.all([proxy?.close(), wa?.close(), momo?.close()]);
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 120_000);

/** Sends through the load balancer as the signed-in owner; fails on any answer but `expected` (any 2xx if none). */
async function owner(method: string, path: string, body?: unknown, expected?: number) {
  const answer = await client.send(`${method} ${path}`, `${proxy.url}${path}`, {
    method,
    headers: targets.staff,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (expected === undefined) expect(answer.status, answer.text).toBeLessThan(300);
  else expect(answer.status, answer.text).toBe(expected);
  return answer.json<{ id: string } & Record<string, unknown>>();
}

/** The owner's session, a raffle on sale, paid mess students with passes, a metered household, a coffee machine. */
async function setUpBusiness(): Promise<void> {
  const login = await client.send('sign-in', `${proxy.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: OWNER, password: PASSWORD }),
  });
  const cookie = login.headers
    .getSetCookie()
    .find((c) => c.startsWith('opsdesk_session='))!
    .split(';')[0]!;
  const staff = {
    cookie,
    'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken,
    'content-type': 'application/json',
  };
  targets = {
    baseUrl: proxy.url,
    staff,
    wa,
    whatsappAppSecret: SECRET,
    raffleId: '',
    meterId: '',
    passes: [],
  };

  const raffle = await owner(
    'POST',
    '/api/raffle/raffles',
    {
      title: 'Failover raffle',
      priceMinor: 500,
      currency: 'RWF',
      minNumber: 1,
      maxNumber: 5000,
      maxPerOrder: 3,
      prizes: ['Bicycle'],
    },
    201,
  );
  await owner('POST', `/api/raffle/raffles/${raffle.id}/start-selling`, {}, 200);
  const passes = await paidStudentsWithPasses(
    {
      send: async (method, path, body) => owner(method, path, body),
      bytes: async (path) =>
        (await client.send(path, `${proxy.url}${path}`, { method: 'GET', headers: staff })).bytes,
    },
    STUDENTS,
    'H',
  );
  // MTN's callback may come while no server takes writes: the product's own poll then settles the payment.
  await owner(
    'PATCH',
    '/api/org',
    { settings: { payments: { mobileMoney: { firstCheckSeconds: 3, maxCheckIntervalSeconds: 10 } } } },
    200,
  );
  await owner(
    'POST',
    '/api/prepaid/tariffs',
    {
      category: 'residential',
      currency: 'RWF',
      tiers: [{ uptoKwh: null, priceMinorPerKwh: 100 }],
      feeMinor: 0,
      taxBasisPoints: 0,
      effectiveFrom: '2020-01-01T00:00:00Z',
    },
    201,
  );
  const account = await owner(
    'POST',
    '/api/prepaid/accounts',
    {
      kind: 'household',
      name: 'Failover household',
    },
    201,
  );
  const meter = await owner('POST', '/api/prepaid/meters', { accountId: account.id, number: 'HA-0001' }, 201);
  const device = await owner('POST', '/api/coffee/devices', { serial: 'HA-LIVE-1', model: 'CM-SIM' }, 201);
  machine = { id: device.id, token: String(device.deviceToken) };
  targets = { ...targets, raffleId: raffle.id, meterId: meter.id, passes };
  outside = {
    momo,
    wa,
    raffleId: raffle.id,
    meterId: meter.id,
    pressCheck: async (path) => {
      await owner('POST', path, {}, 200);
    },
  };
  // A console tab on web process 1; the machine reports to web process 2.
  live = new LiveSubscriber(webs[0]!.url('/api/live?topics=coffee.devices'), cookie);
  await liveUpdateAfter(Date.now(), 'before any failover');
}

let statusReports = 0;
/**
 * Has the coffee machine report a change of status to web process 2 until the console tab on web
 * process 1 hears of it (PostgreSQL LISTEN/NOTIFY, on whichever server is primary); answers when.
 */
function liveUpdateAfter(sinceMs: number, what: string): Promise<number> {
  return eventually(
    async () => {
      statusReports += 1;
      const status = statusReports % 2 ? 'maintenance' : 'online';
      const sent = Math.max(Date.now(), sinceMs);
      const report = await client.send(
        `machine status ${status}`,
        webs[1]!.url('/api/coffee/device/status'),
        {
          method: 'POST',
          headers: { authorization: `Bearer ${machine.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ status }),
        },
      );
      expect(report.status, report.text).toBe(200);
      const heard = await eventually(() => live.seen('coffee.devices', machine.id, sent), {
        what: 'the live event',
        timeoutMs: 3_000,
      }).catch(() => undefined);
      return heard?.at;
    },
    { what: `a live update across web processes ${what}`, timeoutMs: 60_000, everyMs: 0 },
  );
}

/** A pg client on the server that is primary now, for the checks (the product finds it through the URL). */
async function onPrimary<T>(work: (db: pg.Client) => Promise<T>): Promise<T> {
  const primary = await cluster.primary();
  const db = new pg.Client({ host: '127.0.0.1', port: primary.port, user: 'postgres', database: 'opsdesk' });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

/** Once the load has `count` more acknowledged writes than now. */
const moreWrites = (count: number, what: string) => {
  const target = ledger.writes.length + count;
  return eventually(() => ledger.writes.length >= target, { what, timeoutMs: 120_000, everyMs: 100 });
};

/**
 * Every try that was not final was a 503 problem+json with a Retry-After: no 500, no connection the
 * product dropped or left unanswered, no 502 (the web processes never went down).
 */
function expectOnlyWellFormedUnavailable(): void {
  const malformed = client.interruptions.filter(
    (i) =>
      i.status !== 503 ||
      !/^application\/problem\+json/.test(i.contentType ?? '') ||
      !/^\d+$/.test(i.retryAfter ?? ''),
  );
  expect(malformed).toEqual([]);
  expect(client.hangs).toEqual([]);
  expect(ledger.unexpected).toEqual([]);
}

/** MTN's callbacks the product did not take (a 503 while no server took writes); its poll settles those. */
const callbacksRefused = () => momo.callbacks.filter((c) => c.status !== 200).length;
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const appLogs = () =>
  [...webs, worker].map((app, i) => `--- app process ${i + 1} ---\n${app?.output().slice(-4000)}`).join('\n');

describe('high availability: the product on a pg_auto_failover pair under load', () => {
  it('loses no acknowledged write and does none twice when the primary server dies (SIGKILL)', async () => {
    onTestFailed(() => console.log(`${appLogs()}\n${cluster.logs()}`));
    const load = startMixedLoad(targets, client, ledger);
    await moreWrites(WRITES_BEFORE, 'the load to run on the first primary');
    const unavailableBefore = client.unavailable().length;

    lost = await cluster.primary();
    const killedAt = Date.now();
    await cluster.crash(lost);
    const promotedAt = await cluster.promotedAt(killedAt);
    const firstWrite = await eventually(() => ledger.firstWriteAfter(promotedAt), {
      what: 'a write acknowledged after the promotion',
      timeoutMs: 120_000,
      everyMs: 100,
    });
    const liveAt = await liveUpdateAfter(promotedAt, 'after the promotion');
    await moreWrites(WRITES_AFTER, 'the load to run on the new primary');
    await load.stop();

    const outage = ledger.longestGap(killedAt - 1_000, firstWrite + 1_000);
    console.log(
      `crash: kill -> promotion ${seconds(promotedAt - killedAt)} s, promotion -> first acknowledged write ` +
        `${seconds(firstWrite - promotedAt)} s, without service ${seconds(outage)} s, live updates back ` +
        `${seconds(liveAt - promotedAt)} s after the promotion, ${client.unavailable().length - unavailableBefore} ` +
        `answers 503, ${callbacksRefused()} MoMo callbacks refused; so far ${ledger.summary()}`,
    );
    expect(client.unavailable().length).toBeGreaterThan(unavailableBefore);
    expectOnlyWellFormedUnavailable();
    expect(firstWrite - promotedAt).toBeLessThan(BACK_WITHIN_MS);
    await onPrimary((db) => expectNothingLostOrDoubled(db, ledger, outside));
  }, 480_000);

  it('loses nothing and does nothing twice through a planned switchover under load', async () => {
    onTestFailed(() => console.log(`${appLogs()}\n${cluster.logs()}`));
    await cluster.restart(lost!);
    await cluster.settled(120_000);
    const load = startMixedLoad(targets, client, ledger);
    await moreWrites(WRITES_BEFORE, 'the load to run on the primary');
    const unavailableBefore = client.unavailable().length;

    const before = await cluster.primary();
    const startedAt = Date.now();
    await cluster.switchover();
    expect((await cluster.primary()).name).not.toBe(before.name);
    const promotedAt = await cluster.promotedAt(startedAt);
    const firstWrite = await eventually(() => ledger.firstWriteAfter(promotedAt), {
      what: 'a write acknowledged after the switchover',
      timeoutMs: 120_000,
      everyMs: 100,
    });
    const liveAt = await liveUpdateAfter(promotedAt, 'after the switchover');
    await moreWrites(WRITES_AFTER, 'the load to run on the new primary');
    await load.stop();

    const outage = ledger.longestGap(startedAt, firstWrite + 1_000);
    console.log(
      `switchover: started -> promotion ${seconds(promotedAt - startedAt)} s, promotion -> first acknowledged ` +
        `write ${seconds(firstWrite - promotedAt)} s, without service ${seconds(outage)} s, live updates back ` +
        `${seconds(liveAt - promotedAt)} s after the promotion, ${client.unavailable().length - unavailableBefore} ` +
        `answers 503, ${callbacksRefused()} MoMo callbacks refused in all; in all ${ledger.summary()}`,
    );
    expectOnlyWellFormedUnavailable();
    expect(firstWrite - promotedAt).toBeLessThan(BACK_WITHIN_MS);
    await onPrimary((db) => expectNothingLostOrDoubled(db, ledger, outside));
  }, 480_000);
});
