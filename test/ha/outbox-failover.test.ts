import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  type AfricasTalkingSandbox,
  deploymentSmsCallbackUrls,
  startAfricasTalkingSandbox,
} from '../../src/channels/sms/index.ts';
import { FLAT_TARIFF } from '../factories/flat-tariff.ts';
import { eventually } from '../support/eventually.ts';
import { type RunningApp, spawnApp } from '../support/processes.ts';
import { signInOwner } from './business.ts';
import { type HaCluster, type HaNode, haAvailable, startHaCluster } from './cluster.ts';
import { ResendingClient } from './resending-client.ts';
import { type SmsGate, startSmsGate } from './sms-gate.ts';

/**
 * Issue 75 on a pg_auto_failover pair: the outbox is the queue (a dispatcher in the worker claims due
 * messages from the `notification` table; no job per message). A payer buys electricity at the counter
 * several times; each sale texts the token to the same phone through Africa's Talking. The first text's
 * send is under way (its attempt claimed, the provider not yet answered: held at a gate, sms-gate.ts)
 * when the database fails over; the provider answers while no server takes writes, and the worker
 * writes the outcome again until one does. What the payer and staff notice: every token reaches the
 * phone once, in the order sold, the ones queued behind the cut-off text within 10 s of the promotion
 * (before issue 75 they waited out the cut-off text's 3-minute lease while a job per message was
 * started every 2 s: 4,225 jobs in 3 minutes for 87 texts), and no pg-boss job is made per message.
 * Once through a switchover, once through the loss of the primary's server. One web process (the
 * sales, Africa's Talking's reports) and one worker (the dispatcher), on the pair's multi-host URL.
 */

const SECRET = 'ha-outbox-failover-secret-key-0123456789';
const OWNER = 'owner@outbox-ha.example';
const PASSWORD = 'one phone, many tokens';
/** Sales queued behind the cut-off text, before the failover. */
const QUEUED_BEHIND = 3;
/** The bound of the issue: the texts queued behind the cut-off one leave within this of the promotion. */
const LATER_WITHIN_MS = 10_000;

let cluster: HaCluster;
let at: AfricasTalkingSandbox;
let gate: SmsGate;
let dir: string;
let web: RunningApp | undefined;
let worker: RunningApp | undefined;
const client = new ResendingClient();
let owner: Awaited<ReturnType<typeof signInOwner>>;
let meterId: string;

beforeAll(async () => {
  if (!haAvailable())
    throw new Error(
      'test/ha needs pg_autoctl and PostgreSQL 15 (apt-get install postgresql-15-auto-failover pg-auto-failover-cli)',
    );
  dir = mkdtempSync(join(tmpdir(), 'opsdesk-ha-outbox-'));
  [cluster, at] = await Promise.all([
    startHaCluster({ fastDetection: true }),
    startAfricasTalkingSandbox({
      // Africa's Talking reports each text it carried to the account's callback: the web process.
      deliveryReportUrl: () =>
        web &&
        deploymentSmsCallbackUrls({
          publicUrl: web.url(''),
          secretKey: SECRET,
          provider: 'africastalking',
          username: at.username,
        }).deliveryReportsUrl,
    }),
  ]);
  gate = await startSmsGate(at.url);
  const env = {
    DATABASE_URL: cluster.url,
    OPSDESK_DATA_DIR: dir,
    OPSDESK_SECRET_KEY: SECRET,
    OPSDESK_CURRENCY: 'RWF',
    FIXTURE_OWNER: `${OWNER}:${PASSWORD}`,
    OPSDESK_RATE_LIMIT_PER_MINUTE: '1000000',
    ...at.appEnv(),
    AFRICASTALKING_BASE_URL: gate.url,
    // The held send outlasts the failover's start (the gate lets it on once the old primary refuses):
    // the failover cuts it off, not the provider call's own bound (10 s, which a busy machine may need).
    OPSDESK_OUTSIDE_CALL_TIMEOUTS: 'sms=30000',
  };
  web = await spawnApp({ ...env, FIXTURE_ROLE: 'web' }); // migrates first
  worker = await spawnApp(env);
  owner = await signInOwner(client, web.url(''), OWNER, PASSWORD);
  await owner.call('POST', '/api/prepaid/tariffs', FLAT_TARIFF, 201);
  const account = await owner.call(
    'POST',
    '/api/prepaid/accounts',
    { kind: 'household', name: 'Outbox failover household' },
    201,
  );
  meterId = (
    await owner.call('POST', '/api/prepaid/meters', { accountId: account.id, number: 'HA-0075' }, 201)
  ).id;
}, 240_000);

afterAll(async () => {
  for (const app of [web, worker]) app?.child.kill('SIGTERM');
  await Promise.all([gate?.close(), at?.close()]);
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 120_000);

/** A cash sale at the counter, the token texted to `phone`; answers the token's digits. */
async function sellTo(phone: string): Promise<string> {
  const sale = await owner.call(
    'POST',
    '/api/prepaid/purchases',
    { meterId, method: 'cash', amount: { amountMinor: 500, currency: 'RWF' }, msisdn: phone },
    201,
  );
  return String(sale.token).replace(/\D/g, '');
}

/** The tokens of the texts the phone got, oldest first, and when the network carried each. */
const textsOn = (phone: string) =>
  at.inbox(phone).map((sms) => ({ token: sms.text.replace(/\D/g, ''), at: Date.parse(sms.at) }));

/** Which token a text carries, by its digits (the text says the meter, amount and units too). */
const tokenIn = (digits: string, tokens: string[]) => tokens.find((t) => digits.includes(t)) ?? digits;

/** Works on the server that is primary now, through a client of its own. */
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
 * pg-boss jobs created since `sinceMs`, by name (its job table, and its archive where this version keeps
 * one), and the names pg-boss's schedules make jobs of (a cron job may fall in any run).
 */
const jobsCreatedSince = (sinceMs: number) =>
  onPrimary(async (db) => {
    const { rows: tables } = await db.query<{ name: string }>(
      `select t as name from unnest(array['pgboss.job', 'pgboss.archive']) t where to_regclass(t) is not null`,
    );
    const created = new Map<string, number>();
    for (const { name: table } of tables) {
      const { rows } = await db.query<{ name: string; n: number }>(
        `select name, count(*)::int as n from ${table}
          where created_on >= to_timestamp($1::double precision / 1000) group by name`,
        [sinceMs],
      );
      for (const r of rows) created.set(r.name, (created.get(r.name) ?? 0) + r.n);
    }
    const { rows: schedules } = await db.query<{ name: string }>('select distinct name from pgboss.schedule');
    return { created, scheduled: new Set(schedules.map((r) => r.name)) };
  });

/** For a failure's message: the phone's texts, the outbox's rows to it, and the jobs made meanwhile. */
async function whereTheTextsAre(phone: string, sinceMs: number): Promise<string> {
  const page = await owner.call('GET', `/api/notifications?channel=sms&to=${encodeURIComponent(phone)}`);
  const rows = (page.items as Array<{ status: string; attempts: number; nextAttemptAt: string | null }>)
    .reverse()
    .map((n) => `${n.status} (attempts ${n.attempts}, next ${n.nextAttemptAt ?? '-'})`);
  const { created } = await jobsCreatedSince(sinceMs);
  const jobs = [...created].map(([name, n]) => `${name} ${n}`).join(', ') || 'none';
  return `${textsOn(phone).length} on the phone; the outbox, oldest first: ${rows.join(', ')}; jobs created: ${jobs}`;
}

/**
 * The server says it takes no writes: it refuses connections, is shutting down, or is in recovery or
 * read-only. A server slow to answer (a busy machine) says nothing yet: the held send must not be let
 * on while the old primary could still record its outcome.
 */
async function refusesWrites(node: HaNode): Promise<boolean> {
  const db = new pg.Client({
    host: '127.0.0.1',
    port: node.port,
    user: 'postgres',
    database: 'opsdesk',
    connectionTimeoutMillis: 5_000,
  });
  db.on('error', () => undefined); // a server shutting down ends the connection it just opened
  try {
    await db.connect();
    const { rows } = await db.query<{ recovery: boolean; readOnly: string }>(
      `select pg_is_in_recovery() as recovery, current_setting('transaction_read_only') as "readOnly"`,
    );
    return rows[0]!.recovery || rows[0]!.readOnly === 'on';
  } catch (err) {
    const { code, message } = err as { code?: string; message?: string };
    return REFUSALS.has(code ?? '') || /^Connection terminated unexpectedly/.test(message ?? '');
  } finally {
    await db.end().catch(() => undefined);
  }
}

/** Nobody listens (the server is down), or it is stopping or starting (admin/crash shutdown, cannot connect now). */
const REFUSALS = new Set(['ECONNREFUSED', 'ECONNRESET', '57P01', '57P02', '57P03']);

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** A time relative to the promotion, signed: `+0.6 s`. */
const fromPromotion = (ms: number, promotedAt: number) =>
  `${ms >= promotedAt ? '+' : '-'}${seconds(Math.abs(ms - promotedAt))}`;

type Listed = { status: string; attempts: number; sentAt: string; sms: { network: string } };

/**
 * Sells to a fresh phone: the first token's send is held at the gate, `QUEUED_BEHIND` more sales queue
 * behind it, `failOver` starts, the held send is let on once the old primary refuses writes (the
 * provider's answer reaches the worker while no server takes writes), and once the failover is over
 * one more sale is made. Then what the payer and staff notice, and the jobs made meanwhile.
 */
async function sellThroughFailover(label: string, phone: string, failOver: (old: HaNode) => Promise<void>) {
  const startedAt = Date.now();
  at.holdReports(phone);
  gate.holdNextTo(phone);
  const tokens = [await sellTo(phone)];
  const heldAt = await eventually(() => gate.heldSince(phone), {
    what: `the first token's send to ${phone} to reach Africa's Talking`,
    timeoutMs: 30_000,
  });
  for (let i = 0; i < QUEUED_BEHIND; i++) tokens.push(await sellTo(phone));
  // Nothing passed the held text: the phone's texts go in order.
  expect(textsOn(phone)).toEqual([]);

  const old = await cluster.primary();
  const failingOverAt = Date.now();
  const failover = failOver(old);
  failover.catch(() => undefined); // awaited below, once the held send is let on
  await eventually(() => refusesWrites(old), { what: `${old.name} to refuse writes`, timeoutMs: 30_000 });
  const answeredAt = await gate.release(phone);
  await failover;
  const promotedAt = await cluster.promotedAt(failingOverAt);
  // The provider answered while no server took writes: the worker had to write the outcome again.
  expect(answeredAt).toBeLessThan(promotedAt);

  // One more sale once a server takes writes again (the web process answers 503 until then).
  const sellingAt = Date.now();
  tokens.push(await sellTo(phone));
  const texts = await eventually(() => textsOn(phone).length >= tokens.length && textsOn(phone), {
    what: `${tokens.length} texts on ${phone}`,
    timeoutMs: 45_000,
    everyMs: 100,
  }).catch(async (err: Error) => {
    throw new Error(`${err.message}: ${await whereTheTextsAre(phone, startedAt)}`);
  });
  // Every token once, in the order sold; nothing else. Those queued behind the cut-off one soon after
  // the promotion, not when its lease ends.
  expect(texts.map((t) => tokenIn(t.token, tokens))).toEqual(tokens);
  const later = texts.slice(1, 1 + QUEUED_BEHIND);
  for (const text of later) expect(text.at - promotedAt).toBeLessThan(LATER_WITHIN_MS);

  // The reports Africa's Talking held back settle each text, found by its provider id (the network's
  // word: delivered): one attempt each, none left unconfirmed.
  await at.releaseReports();
  const listed = await eventually(
    async () => {
      const page = await owner.call('GET', `/api/notifications?channel=sms&to=${encodeURIComponent(phone)}`);
      const items = (page.items as Listed[]).reverse();
      const delivered = (n: Listed) => n.status === 'sent' && n.sms.network === 'delivered';
      return items.length === tokens.length && items.every(delivered) && items;
    },
    { what: `the texts to ${phone} delivered`, timeoutMs: 30_000, everyMs: 200 },
  );
  expect(listed.map((n) => n.attempts)).toEqual(tokens.map(() => 1));

  const jobs = await jobsCreatedSince(startedAt);
  const jobList = [...jobs.created].map(
    ([name, n]) => `${name} ${n}${jobs.scheduled.has(name) ? ' (a schedule)' : ''}`,
  );
  console.log(
    `${label}: promotion ${seconds(promotedAt - failingOverAt)} after the failover began. The cut-off text: ` +
      `held ${seconds(answeredAt - heldAt)}, answered ${fromPromotion(answeredAt, promotedAt)}, recorded sent ` +
      `${fromPromotion(Date.parse(listed[0]!.sentAt), promotedAt)} from the promotion. The ${QUEUED_BEHIND} texts ` +
      `queued behind it left at ${later.map((t) => fromPromotion(t.at, promotedAt)).join(', ')}; a sale on the ` +
      `new primary was texted ${seconds(texts.at(-1)!.at - sellingAt)} after it was asked for. pg-boss jobs ` +
      `created in the run (${tokens.length} texts): ${jobList.join(', ') || 'none'}`,
  );
  expectNoJobPerMessage(jobs, tokens.length);
}

/** No job per message: none of the outbox's, and fewer than one a text of any other but a schedule's. */
function expectNoJobPerMessage(jobs: Awaited<ReturnType<typeof jobsCreatedSince>>, messages: number): void {
  const names = [...jobs.created.keys()];
  expect(names.filter((name) => name.startsWith('notifications'))).toEqual([]);
  const unscheduled = names.filter((name) => !jobs.scheduled.has(name) && !name.startsWith('__pgboss'));
  const count = unscheduled.reduce((sum, name) => sum + jobs.created.get(name)!, 0);
  expect(count, unscheduled.join(', ')).toBeLessThan(messages);
}

const appLogs = () =>
  [web, worker].map((app, i) => `--- app process ${i + 1} ---\n${app?.output().slice(-6000)}`).join('\n');

describe('high availability: the outbox sends to one person through a failover', () => {
  it('sends a text cut off by a switchover once, and the texts queued behind it in order within 10 s of the promotion', async () => {
    onTestFailed(() => console.log(`${appLogs()}\n${cluster.logs()}`));
    await sellThroughFailover('switchover', '+250788750001', () => cluster.switchover());
  }, 180_000);

  it('sends a text cut off by the loss of the primary server once, and the texts behind it in order within 10 s of the promotion', async () => {
    onTestFailed(() => console.log(`${appLogs()}\n${cluster.logs()}`));
    await sellThroughFailover('crash', '+250788750002', (old) => cluster.crash(old));
  }, 180_000);
});
