import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWhatsAppStandin } from '../../src/channels/whatsapp/sandbox/whatsapp-graph.ts';
import { eventually } from '../support/eventually.ts';
import { paidStudentsWithPasses } from '../support/mess-passes.ts';
import { type RunningApp, spawnApp } from '../support/processes.ts';
import { type RoundRobinProxy, startRoundRobinProxy } from '../support/round-robin-proxy.ts';
import { freshDatabaseEnv } from '../support/test-database.ts';

/**
 * Issue 17's scale-out proof, on a real PostgreSQL server (vitest runs this folder only with
 * DATABASE_URL): three `web` processes and two workers on one database behind a round-robin proxy,
 * under a mixed load — raffle buyers on WhatsApp (signed webhooks), mess counter scans, staff taking
 * raffle orders by phone — while one web process is killed with SIGKILL and restarted. Clients
 * retry what the proxy could not deliver, as Meta, the scanner and the console do (same message id,
 * same scan nonce, same Idempotency-Key). Afterwards every invariant holds.
 */

const SECRET = 'scale-out-app-secret';
const OWNER = 'owner@scale.example';
const PASSWORD = 'three webs, two workers';
const BUYERS = 12;
const SCANNERS = 4;
const SCANS_EACH = 15;
const PHONE_ORDERS = 16;
const STUDENTS = 10;
const STEPS = ['hola', 'rifas', '1', 'PICK', 'confirmar'] as const;

let dir: string;
let env: Record<string, string>;
let wa: Awaited<ReturnType<typeof startWhatsAppStandin>>;
const webs: RunningApp[] = [];
const workers: RunningApp[] = [];
let proxy: RoundRobinProxy;
let db: pg.Client;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'opsdesk-scale-'));
  wa = await startWhatsAppStandin();
  env = {
    ...(await freshDatabaseEnv(dir)),
    FIXTURE_OWNER: `${OWNER}:${PASSWORD}`,
    OPSDESK_RATE_LIMIT_PER_MINUTE: '1000000',
    // Chat steps run inline in the web processes (the default): a step cut off by the kill leaves a
    // claim whose heartbeat stops, and a worker retries it about 10 s later (not at its 300 s expiry).
    WHATSAPP_APP_SECRET: SECRET,
    WHATSAPP_ACCESS_TOKEN: wa.accessToken,
    WHATSAPP_PHONE_NUMBER_ID: wa.phoneNumberId,
    WHATSAPP_API_BASE_URL: wa.url,
    WHATSAPP_FLOW: 'raffle',
  };
  webs.push(await spawnApp({ ...env, FIXTURE_ROLE: 'web' })); // migrates first
  const rest = await Promise.all([
    spawnApp({ ...env, FIXTURE_ROLE: 'web' }),
    spawnApp({ ...env, FIXTURE_ROLE: 'web' }),
    spawnApp(env),
    spawnApp(env),
  ]);
  webs.push(rest[0]!, rest[1]!);
  workers.push(rest[2]!, rest[3]!);
  proxy = await startRoundRobinProxy(webs.map((w) => w.port));
  // Meta reports each message it accepted; a reply the kill cut off is recorded by that report.
  wa.reportStatusesTo({ to: `${proxy.url}/webhooks/whatsapp`, appSecret: SECRET });
  db = new pg.Client({ connectionString: env.DATABASE_URL });
  await db.connect();
}, 180_000);

afterAll(async () => {
  for (const app of [...webs, ...workers]) app.child.kill('SIGTERM');
  await proxy?.close();
  await wa?.close();
  await db?.end();
  rmSync(dir, { recursive: true, force: true });
});

type Headers = Record<string, string>;

/** Retries what did not reach a live process (502 from the proxy, a reset connection) with the same request. */
async function retried<R extends { status: number }>(what: string, send: () => Promise<R>): Promise<R> {
  return eventually(
    async () => {
      const res = await send().catch(() => undefined);
      return res && res.status !== 502 ? res : undefined;
    },
    { what, timeoutMs: 60_000, everyMs: 100 },
  );
}

async function signIn(): Promise<Headers> {
  const res = await retried('sign-in', () =>
    fetch(`${proxy.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: OWNER, password: PASSWORD }),
    }),
  );
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('opsdesk_session='))!
    .split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
}

async function api<T>(headers: Headers, method: string, path: string, body?: unknown, extra: Headers = {}) {
  const res = await retried(`${method} ${path}`, () =>
    fetch(`${proxy.url}${path}`, {
      method,
      headers: { ...headers, ...extra },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
  return { status: res.status, body: (await res.json()) as T };
}

/** A raffle selling 1–300, and approved, paid mess students with their pass strings. */
async function setUp(staff: Headers): Promise<{ raffleId: string; passes: string[] }> {
  const raffle = await api<{ id: string }>(staff, 'POST', '/api/raffle/raffles', {
    title: 'Scale-out launch',
    priceMinor: 500,
    currency: 'USD',
    minNumber: 1,
    maxNumber: 300,
    maxPerOrder: 3,
    prizes: ['Bicycle'],
  });
  expect(raffle.status).toBe(201);
  expect((await api(staff, 'POST', `/api/raffle/raffles/${raffle.body.id}/start-selling`, {})).status).toBe(
    200,
  );

  const passes = await paidStudentsWithPasses(
    {
      send: async (method, path, body) => (await api<{ id: string }>(staff, method, path, body)).body,
      bytes: async (path) =>
        Buffer.from(
          await (await retried(path, () => fetch(`${proxy.url}${path}`, { headers: staff }))).arrayBuffer(),
        ),
    },
    STUDENTS,
    'S',
  );
  return { raffleId: raffle.body.id, passes };
}

describe('scale-out: 3 web + 2 worker processes on one PostgreSQL, one killed mid-run', () => {
  it('keeps every invariant under a mixed load while a web process is SIGKILLed and restarted', async () => {
    const staff = await signIn();
    const { raffleId, passes } = await setUp(staff);
    const delivered: string[] = []; // inbound WhatsApp message ids Meta got a 200 for
    let stepsDone = 0;
    let killed = false;

    /** Kills web process 2 with SIGKILL once a third of the chat steps are answered, then starts a new one. */
    const killAndRestart = async () => {
      await eventually(() => stepsDone >= (BUYERS * STEPS.length) / 3, {
        what: 'a third of the load',
        timeoutMs: 120_000,
      });
      const victim = webs[1]!;
      victim.child.kill('SIGKILL');
      await new Promise((r) => victim.child.once('exit', r));
      killed = true;
      const replacement = await spawnApp({ ...env, FIXTURE_ROLE: 'web' });
      webs[1] = replacement;
      proxy.upstreams[1] = replacement.port;
    };

    const buyer = async (i: number) => {
      const from = `5959${String(7000 + i).padStart(8, '0')}`;
      for (const step of STEPS) {
        const text = step === 'PICK' ? `${1 + ((i * 7) % 290)},${2 + ((i * 13) % 290)}` : step;
        const payload = wa.textMessage({ from, text, id: `wamid.scale-${i}-${step}` });
        const before = wa.sentMessages(from).length;
        const res = await retried(`webhook ${i}/${step}`, () =>
          wa.deliverWebhook({ to: `${proxy.url}/webhooks/whatsapp`, appSecret: SECRET, payload }),
        );
        expect(res.status).toBe(200);
        delivered.push(`wamid.scale-${i}-${step}`);
        // A reply the kill cut off before it reached Meta goes again once Meta has not reported it
        // for a minute after the retry found it.
        await eventually(() => wa.sentMessages(from).length > before, {
          what: `the reply to ${from}'s "${text}"`,
          timeoutMs: 150_000,
        });
        stepsDone++;
      }
    };

    const scanner = async (s: number) => {
      for (let n = 0; n < SCANS_EACH; n++) {
        const scan = {
          nonce: randomUUID(),
          code: passes[(s * 5 + n) % passes.length]!,
          scannedAt: new Date().toISOString(),
          offline: false,
        };
        const res = await api(staff, 'POST', '/api/mess/scans', { deviceId: `counter-${s}`, scans: [scan] });
        expect(res.status).toBe(200);
      }
    };

    const phoneOrders = async () => {
      for (let n = 0; n < PHONE_ORDERS; n++) {
        const key = `scale-phone-${n}`;
        const res = await api<{ id: string }>(
          staff,
          'POST',
          `/api/raffle/raffles/${raffleId}/reservations`,
          { waId: `5959${String(8000 + n).padStart(8, '0')}`, name: `Caller ${n}`, random: 2 },
          { 'idempotency-key': key },
        );
        expect(res.status).toBe(201);
      }
    };

    await Promise.all([
      killAndRestart(),
      ...Array.from({ length: BUYERS }, (_, i) => buyer(i)),
      ...Array.from({ length: SCANNERS }, (_, s) => scanner(s)),
      phoneOrders(),
    ]);
    expect(killed).toBe(true);
    // The kill hit live traffic: requests reached the dead process and were retried elsewhere.
    expect(proxy.badGateways()).toBeGreaterThan(0);

    // Every background job settles: nothing left waiting or running, nothing dead-lettered.
    await eventually(
      async () => {
        const { rows } = await db.query<{ n: number }>(
          `select count(*)::int as n from pgboss.job
            where state in ('created', 'retry', 'active') and start_after <= now() and name not like '\\_\\_%'
              and name not in (select name from pgboss.schedule)`,
        );
        return rows[0]!.n === 0;
      },
      { what: 'every job to finish', timeoutMs: 90_000 },
    );
    const failed = await db.query(`select name, output from pgboss.job where state = 'failed'`);
    expect(failed.rows).toEqual([]);

    // No number held by two orders; the tickets agree with the orders.
    const doubled = await db.query(
      `select n, count(*) from raffle_order o, unnest(o.numbers) n
        where o.raffle_id = $1 and o.status in ('pending_payment', 'paid') group by n having count(*) > 1`,
      [raffleId],
    );
    expect(doubled.rows).toEqual([]);
    const mismatched = await db.query(
      `select t.number from raffle_ticket t left join raffle_order o on o.id = t.order_id
        where t.raffle_id = $1 and t.status <> 'available'
          and (o.id is null or o.status not in ('pending_payment', 'paid') or not t.number = any(o.numbers))`,
      [raffleId],
    );
    expect(mismatched.rows).toEqual([]);
    // Each phone order's Idempotency-Key made one order, retries included (an API order's source key
    // is `api:` and the caller's own form of its key, so only the phone orders have one here).
    const phone = await db.query<{ n: number }>(
      `select count(*)::int as n from raffle_order where raffle_id = $1 and source_key like 'api:%'`,
      [raffleId],
    );
    expect(phone.rows[0]!.n).toBe(PHONE_ORDERS);

    // No inbound message lost or handled twice: each delivered id stored once and processed.
    const inbound = await db.query<{ channel_message_id: string; status: string }>(
      `select channel_message_id, status from conversation_message
        where direction = 'in' and channel_message_id like 'wamid.scale-%'`,
    );
    expect(inbound.rows.map((r) => r.channel_message_id).sort()).toEqual([...new Set(delivered)].sort());
    expect(inbound.rows.filter((r) => r.status !== 'processed')).toEqual([]);

    // No reply sent twice, none lost: each send carried its message's id (biz_opaque_callback_data)
    // and none repeats; every reply was sent, and the database recorded each under the id Meta gave
    // it (a reply the kill cut off after Meta got it is recorded by Meta's status report). Every
    // message to WhatsApp is a row of the outbox (issue 75), whose `failed` is a retry still to come.
    await eventually(
      async () => {
        const { rows } = await db.query<{ n: number }>(
          `select count(*)::int as n from notification
            where channel = 'whatsapp' and status in ('queued', 'sending', 'unconfirmed')`,
        );
        return rows[0]!.n === 0;
      },
      { what: 'every reply sent and recorded', timeoutMs: 150_000 },
    );
    const outbound = await db.query<{ id: string; status: string; channel_message_id: string | null }>(
      `select id, status, provider_message_id as channel_message_id from notification where channel = 'whatsapp'`,
    );
    const sent = wa.sentMessages().map((m) => ({
      id: m.id,
      reference: String((m.body as { biz_opaque_callback_data?: string }).biz_opaque_callback_data),
    }));
    expect(new Set(sent.map((m) => m.reference)).size).toBe(sent.length);
    expect(outbound.rows.filter((r) => r.status !== 'sent')).toEqual([]);
    expect(outbound.rows.map((r) => `${r.id} ${r.channel_message_id}`).sort()).toEqual(
      sent.map((m) => `${m.reference} ${m.id}`).sort(),
    );

    // Scans: each nonce logged once; no student served twice in the meal window.
    const scans = await db.query<{ n: number; nonces: number }>(
      `select count(*)::int as n, count(distinct nonce)::int as nonces from mess_scan`,
    );
    expect(scans.rows[0]).toEqual({ n: SCANNERS * SCANS_EACH, nonces: SCANNERS * SCANS_EACH });
    const servedTwice = await db.query(
      `select student_id, window_key from mess_scan where decision = 'allowed'
        group by student_id, window_key having count(*) > 1`,
    );
    expect(servedTwice.rows).toEqual([]);
  }, 600_000);
});
