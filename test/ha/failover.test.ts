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
import { type RunningApp, spawnApp } from '../support/processes.ts';
import { type RoundRobinProxy, startRoundRobinProxy } from '../support/round-robin-proxy.ts';
import { type Business, setUpBusiness, signInOwner } from './business.ts';
import { type HaCluster, type HaNode, haAvailable, startHaCluster } from './cluster.ts';
import { expectNothingLostOrDoubled } from './invariants.ts';
import { LiveSubscriber } from './live-subscriber.ts';
import { Ledger, type LoadTargets, momoSaleAwaitingThePayer, startMixedLoad } from './mixed-load.ts';
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
/** Acknowledged writes before the server is lost, and on the new primary before the load stops. */
const WRITES_BEFORE = 40;
const WRITES_AFTER = 40;
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
let business: Business;
let live: LiveSubscriber;
let pressCheck: (path: string) => Promise<void>;

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
  const owner = await signInOwner(client, proxy.url, OWNER, PASSWORD);
  pressCheck = async (path) => {
    await owner.call('POST', path, {}, 200);
  };
  business = await setUpBusiness(owner);
  // A console tab on web process 1; the coffee machine reports to web process 2.
  live = new LiveSubscriber(webs[0]!.url('/api/live?topics=coffee.devices'), business.cookie);
  await liveUpdateAfter(Date.now(), 'before any failover');
}, 240_000);

afterAll(async () => {
  await live?.close();
  for (const app of [...webs, worker]) app?.child.kill('SIGTERM');
  await Promise.all([proxy?.close(), wa?.close(), momo?.close()]);
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 120_000);

let statusReports = 0;
/**
 * Has the coffee machine report a change of status to web process 2 until the console tab on web
 * process 1 hears of it (PostgreSQL LISTEN/NOTIFY, on whichever server is primary); answers when.
 */
function liveUpdateAfter(sinceMs: number, what: string): Promise<number> {
  const { machine } = business;
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

/** Where the load goes and what it works on. */
const loadTargets = (): LoadTargets => ({ baseUrl: proxy.url, whatsappAppSecret: SECRET, wa, ...business });

/** Once the load has `count` more acknowledged writes than now. */
const moreWrites = (count: number, what: string) => {
  const target = ledger.writes.length + count;
  return eventually(() => ledger.writes.length >= target, { what, timeoutMs: 120_000, everyMs: 100 });
};

/** What the clients lived through while the primary changed (ms since the epoch, and counts). */
interface Disruption {
  startedAt: number;
  promotedAt: number;
  /** The first write acknowledged after the promotion. */
  firstWrite: number;
  /** When the console tab on web process 1 first heard of a change made on web process 2 after the promotion. */
  liveAt: number;
  /** The longest time without an acknowledged write around the disruption. */
  withoutService: number;
  unavailable: number;
}

/**
 * Runs the mixed load, has `disrupt` change the primary once the load is under way, and keeps the load
 * on the new primary for a while; answers what the clients lived through, and prints it.
 */
async function underLoad(label: string, disrupt: () => Promise<void>): Promise<Disruption> {
  const load = startMixedLoad(loadTargets(), client, ledger);
  await moreWrites(WRITES_BEFORE, `the load to run before the ${label}`);
  const unavailableBefore = client.unavailable().length;
  const startedAt = Date.now();
  await disrupt();
  const promotedAt = await cluster.promotedAt(startedAt);
  const firstWrite = await eventually(() => ledger.firstWriteAfter(promotedAt), {
    what: `a write acknowledged after the ${label}'s promotion`,
    timeoutMs: 120_000,
    everyMs: 100,
  });
  const liveAt = await liveUpdateAfter(promotedAt, `after the ${label}`);
  await moreWrites(WRITES_AFTER, `the load to run on the new primary after the ${label}`);
  await load.stop();
  const seen: Disruption = {
    startedAt,
    promotedAt,
    firstWrite,
    liveAt,
    withoutService: ledger.longestGap(startedAt - 1_000, firstWrite + 1_000),
    unavailable: client.unavailable().length - unavailableBefore,
  };
  console.log(
    `${label}: start -> promotion ${seconds(promotedAt - startedAt)}, promotion -> first acknowledged write ` +
      `${seconds(firstWrite - promotedAt)}, without service ${seconds(seen.withoutService)}, live updates back ` +
      `${seconds(liveAt - promotedAt)} after the promotion (${live.connections} stream connections so far), ` +
      `${seen.unavailable} answers 503, ${callbacksRefused()} MoMo callbacks refused so far; load so far: ` +
      ledger.summary(),
  );
  return seen;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** MTN's callbacks the product did not take (a 503 while no server took writes); its poll settles those. */
const callbacksRefused = () => momo.callbacks.filter((c) => c.status !== 200).length;

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

/** Works on the server that is primary now, through a client of its own (the product finds it through the URL). */
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

/**
 * The primary commits only once its standby has the commit (what makes an acknowledged write survive
 * the primary's loss): a synchronous standby named, and a commit waits for it.
 */
const expectSynchronousStandby = () =>
  onPrimary(async (db) => {
    const { rows } = await db.query<{ names: string; commit: string }>(
      `select current_setting('synchronous_standby_names') as names, current_setting('synchronous_commit') as commit`,
    );
    expect(rows[0]!.names).not.toBe('');
    expect(rows[0]!.commit).toBe('on');
  });

const expectNothingLostOrDoubledOnPrimary = () =>
  onPrimary((db) =>
    expectNothingLostOrDoubled(db, ledger, {
      momo,
      wa,
      raffleId: business.raffleId,
      meterId: business.meterId,
      pressCheck,
    }),
  );

const appLogs = () =>
  [...webs, worker].map((app, i) => `--- app process ${i + 1} ---\n${app?.output().slice(-4000)}`).join('\n');

describe('high availability: the product on a pg_auto_failover pair under load', () => {
  /** The node whose server the first test kills, restarted by the second. */
  let lost: HaNode | undefined;

  it('loses no acknowledged write and does none twice when the primary server dies (SIGKILL)', async () => {
    onTestFailed(() => console.log(`${appLogs()}\n${cluster.logs()}`));
    // Two MoMo payers hold their prompt until the primary is gone, then approve: MTN's callbacks find
    // no server taking writes, and MTN does not call again. The product's own poll must settle them.
    const approvedLate = [
      await momoSaleAwaitingThePayer(loadTargets(), client, ledger),
      await momoSaleAwaitingThePayer(loadTargets(), client, ledger),
    ];
    for (const id of approvedLate) await momo.waitForRequestToPay((r) => r.referenceId === id);
    await expectSynchronousStandby();
    const crash = await underLoad('crash', async () => {
      lost = await cluster.primary();
      await cluster.crash(lost);
      for (const id of approvedLate) await momo.settle(id, 'SUCCESSFUL');
    });
    expect(crash.unavailable).toBeGreaterThan(0);
    expect(momo.callbacks.filter((c) => approvedLate.includes(c.referenceId)).map((c) => c.status)).toEqual([
      503, 503,
    ]);
    expectOnlyWellFormedUnavailable();
    expect(crash.firstWrite - crash.promotedAt).toBeLessThan(BACK_WITHIN_MS);
    const checkedAt = Date.now();
    await expectNothingLostOrDoubledOnPrimary();
    console.log(`crash: the background work settled and was checked in ${seconds(Date.now() - checkedAt)}`);
  }, 480_000);

  it('loses nothing and does nothing twice through a planned switchover under load', async () => {
    onTestFailed(() => console.log(`${appLogs()}\n${cluster.logs()}`));
    const restartedAt = Date.now();
    await cluster.restart(lost!);
    await cluster.settled(120_000);
    await expectSynchronousStandby();
    console.log(`the lost node rejoined as the synchronous standby in ${seconds(Date.now() - restartedAt)}`);
    const switchover = await underLoad('switchover', () => cluster.switchover());
    expectOnlyWellFormedUnavailable();
    expect(switchover.firstWrite - switchover.promotedAt).toBeLessThan(BACK_WITHIN_MS);
    const checkedAt = Date.now();
    await expectNothingLostOrDoubledOnPrimary();
    console.log(
      `switchover: the background work settled and was checked in ${seconds(Date.now() - checkedAt)}`,
    );
  }, 480_000);
});
