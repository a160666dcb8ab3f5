import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { migrationSources } from '../src/app/modules.ts';
import { generateCode } from '../src/core/codes/index.ts';
import { exhibitionModule } from '../src/modules/exhibition/index.ts';
import { migrate } from '../src/platform/migrator/index.ts';
import { cpuMsOf } from './lib/cpu.ts';
import { freshDatabase } from './lib/database-work.ts';
import { type LoadResult, measure, printTable, request } from './lib/load.ts';
import { startBenchServer } from './lib/server.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const BOOTHS = 8;

/**
 * The customer desk: register-customer (code + signed pass + queued e-mail, one request; the QR PNG
 * and badge PDF are made by the sending job, in the same process on the embedded database) and add-bill (with an Idempotency-Key) at 8 and 32 concurrent desks, beside the
 * same writes sent directly through pg. Ends with an exact-totals check over the API.
 */
export async function benchExhibition(): Promise<void> {
  // On PostgreSQL a fresh database: a run on a server's shared one met the last run's owner and rows.
  const fresh = process.env.DATABASE_URL
    ? await freshDatabase(process.env.DATABASE_URL, 'exhibition')
    : undefined;
  const server = await startBenchServer(39_400, {
    DATABASE_URL: fresh?.url ?? '',
  });
  const direct = await directBaseline(fresh?.url);
  try {
    const headers = await server.signIn();
    const post = async (path: string, body: unknown, extra: Record<string, string> = {}) => {
      const res = await request(`${server.base}${path}`, {
        method: 'POST',
        headers: { ...headers, ...extra },
        body: JSON.stringify(body),
      });
      if (res.status !== 201) throw new Error(`${path} ${res.status} ${res.body}`);
      return JSON.parse(res.body) as { id: string };
    };
    const exhibition = await post('/api/exhibition/exhibitions', {
      name: 'Bench Expo',
      currency: 'USD',
      startsOn: '2026-12-10',
      endsOn: '2026-12-12',
    });
    const booths: string[] = [];
    for (let i = 0; i < BOOTHS; i++)
      booths.push((await post(`/api/exhibition/exhibitions/${exhibition.id}/booths`, { name: `B${i}` })).id);
    let seq = 0;
    const register = () => {
      const n = ++seq;
      return post('/api/exhibition/customers', {
        exhibitionId: exhibition.id,
        name: `Visitor ${n}`,
        email: `visitor${n}@bench.test`,
        phone: `+1415${String(2_000_000 + n).padStart(7, '0')}`,
      });
    };
    const rows: LoadResult[] = [];
    const customers = await Promise.all([0, 1, 2].map(() => register()));
    let billed = 0;
    for (const concurrency of [8, 32]) {
      rows.push(
        await measure({
          label: 'register: same rows written directly (baseline)',
          concurrency,
          durationMs: DURATION,
          fire: () => direct.register(),
        }),
      );
      rows.push(
        await measure({
          label: 'opsdesk POST /api/exhibition/customers',
          concurrency,
          durationMs: DURATION,
          fire: async () => void (await register()),
        }),
      );
      rows.push(
        await measure({
          label: 'add-bill: same SQL sent directly (baseline)',
          concurrency,
          durationMs: DURATION,
          fire: () => direct.bill(),
        }),
      );
      rows.push(
        await measure({
          label: 'opsdesk POST /api/exhibition/customers/{id}/bills',
          concurrency,
          durationMs: DURATION,
          fire: async (loop) => {
            const c = customers[loop % customers.length]!;
            await post(
              `/api/exhibition/customers/${c.id}/bills`,
              { boothId: booths[loop % BOOTHS], amountMinor: 100 + (loop % 7) },
              { 'idempotency-key': randomUUID() },
            );
            billed++;
          },
        }),
      );
    }
    // Issue 29: add-bill at 8 desks while customers register at 2 more, each registration's welcome
    // e-mail (QR PNG and PDF badge) made meanwhile; beside it, the server's CPU per bill and the
    // delay of its event loop as a request sees it (a bare GET /healthz every 20 ms).
    const registering = keepGoing(2, register);
    const probe = keepProbing(`${server.base}/healthz`);
    rows.push(
      await measure({
        label: 'add-bill ×8 while 2 desks register',
        concurrency: BOOTHS,
        durationMs: DURATION,
        cpu: { app: () => cpuMsOf([server.pid]) },
        fire: async (loop) => {
          const c = customers[loop % customers.length]!;
          await post(
            `/api/exhibition/customers/${c.id}/bills`,
            { boothId: booths[loop % BOOTHS], amountMinor: 100 + (loop % 7) },
            { 'idempotency-key': randomUUID() },
          );
          billed++;
        },
      }),
    );
    const healthz = await probe.stop();
    const registered = await registering.stop();
    console.log(
      `  while billing: ${registered} customers registered; GET /healthz p50 ${healthz.p50.toFixed(1)} ms, p99 ${healthz.p99.toFixed(1)} ms, max ${healthz.max.toFixed(1)} ms (event-loop delay as a request sees it)`,
    );
    const totals = JSON.parse(
      (await request(`${server.base}/api/exhibition/exhibitions/${exhibition.id}/totals`, { headers })).body,
    ) as { billCount: number };
    console.log(
      `  totals check: ${totals.billCount === billed ? 'OK' : 'VIOLATED'} (${totals.billCount} bills counted, ${billed} answered 201)`,
    );
    printTable(
      `Exhibition desk: register and bill vs the same writes through pg (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`,
      rows,
    );
  } finally {
    await direct.close();
    await server.stop();
    await fresh?.drop();
  }
}

/** Runs `fire` from `loops` loops until stopped; `stop` answers how many calls succeeded. */
function keepGoing(loops: number, fire: () => Promise<unknown>) {
  let running = true;
  let done = 0;
  const all = Promise.all(
    Array.from({ length: loops }, async () => {
      while (running) {
        await fire().then(
          () => done++,
          () => undefined,
        );
      }
    }),
  );
  return {
    async stop() {
      running = false;
      await all;
      return done;
    },
  };
}

/** GETs `url` every 20 ms until stopped, and answers the latency percentiles. */
function keepProbing(url: string) {
  const latencies: number[] = [];
  const probing = keepGoing(1, async () => {
    const t0 = performance.now();
    await request(url);
    latencies.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 20));
  });
  return {
    async stop() {
      await probing.stop();
      latencies.sort((a, b) => a - b);
      const at = (p: number) =>
        latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
      return { p50: at(0.5), p99: at(0.99), max: latencies.at(-1) ?? NaN };
    },
  };
}

/** A welcome e-mail's text and HTML, about the size the template renders. */
const WELCOME_TEXT = 'Welcome to the exhibition. Your code is ABCD-EFGH. Show the QR at every booth. '.repeat(
  6,
);
const WELCOME_HTML = `<html><body>${'<p>Welcome to the exhibition: show the QR at every booth.</p>'.repeat(30)}</body></html>`;

/**
 * The rows register and add-bill write, through pg: for a registration the customer, pass version,
 * two audit events, queued e-mail, its event, its job and the link; for a bill the bill and the
 * running total.
 */
async function directBaseline(url: string | undefined) {
  const lite = url ? undefined : await PGlite.create();
  const pool = lite ? new pg.Pool(createPgConfig(lite)) : new pg.Pool({ connectionString: url, max: 10 });
  if (lite) await migrate(pool, migrationSources([exhibitionModule]));
  const org = (
    await pool.query<{ id: string }>(
      "insert into organization (slug, name) values ('bench-expo-' || floor(random()*1e9)::text, 'bench') returning id",
    )
  ).rows[0]!.id;
  const exhibition = (
    await pool.query<{ id: string }>(
      `insert into exhibition_exhibition (org_id, name, currency, time_zone, starts_on, ends_on)
       values ($1, 'direct', 'USD', 'UTC', '2026-12-10', '2026-12-12') returning id`,
      [org],
    )
  ).rows[0]!.id;
  const booth = (
    await pool.query<{ id: string }>(
      "insert into exhibition_booth (org_id, exhibition_id, name) values ($1, $2, 'direct') returning id",
      [org, exhibition],
    )
  ).rows[0]!.id;
  let seq = 0;
  const customer = (
    await pool.query<{ id: string }>(
      `insert into exhibition_customer (org_id, exhibition_id, code, name, email, phone)
       values ($1, $2, $3, 'tab', 'tab@bench.test', '+14150000000') returning id`,
      [org, exhibition, generateCode({ length: 8 })],
    )
  ).rows[0]!.id;
  const inTx = async (work: (c: pg.PoolClient) => Promise<void>) => {
    const c = await pool.connect();
    try {
      await c.query('begin');
      await work(c);
      await c.query('commit');
    } catch (e) {
      await c.query('rollback');
      throw e;
    } finally {
      c.release();
    }
  };
  return {
    // Every row a registration writes (issue 43: the same useful work): the customer, its pass
    // version, the two audit events (registered, pass issued), the queued e-mail and its first
    // event, the job that sends it (in a table of its own: pg-boss's has a worker on it), and the
    // customer's link to the e-mail; one statement per row, in one transaction.
    register: () =>
      inTx(async (c) => {
        const n = ++seq;
        const row = await c.query<{ id: string }>(
          `insert into exhibition_customer (org_id, exhibition_id, code, name, email, phone)
           values ($1, $2, $3, $4, $5, $6) on conflict do nothing returning id`,
          [org, exhibition, generateCode({ length: 8 }), `d${n}`, `d${n}@bench.test`, `+1415${n}`],
        );
        const id = row.rows[0]!.id;
        await c.query(
          `insert into pass_subject (org_id, subject_type, subject_id) values ($1, 'expo', $2)
           on conflict (org_id, subject_type, subject_id) do update set version = pass_subject.version returning version`,
          [org, id],
        );
        for (const action of ['exhibition.customer.registered', 'passes.pass.issued'])
          await c.query(
            `insert into audit_event (org_id, actor_type, actor_id, actor_label, action, subject_type, subject_id, after, request_id)
             values ($1, 'user', 'direct', 'direct', $2, 'exhibition_customer', $3, $4, 'direct')`,
            [org, action, id, JSON.stringify({ id, name: `d${n}`, email: `d${n}@bench.test` })],
          );
        const note = await c.query<{ id: string }>(
          `insert into notification (org_id, channel, recipient, template, locale, subject, body, html, data)
           values ($1, 'email', $2, 'exhibition.welcome', 'en', 'welcome', $3, $4, $5) returning id`,
          [
            org,
            `d${n}@bench.test`,
            WELCOME_TEXT,
            WELCOME_HTML,
            JSON.stringify({ name: `d${n}`, pass: 'x'.repeat(120) }),
          ],
        );
        const noteId = note.rows[0]!.id;
        await c.query(
          `insert into notification_event (org_id, notification_id, status, detail) values ($1, $2, 'queued', '{}')`,
          [org, noteId],
        );
        // The outbox is its own queue: the row, and a wake for the dispatcher at commit.
        await c.query("select pg_notify('opsdesk_jobs', 'notifications.outbox')");
        await c.query('update exhibition_customer set welcome_notification_id = $1 where id = $2', [
          noteId,
          id,
        ]);
      }),
    bill: () =>
      inTx(async (c) => {
        await c.query(
          `insert into exhibition_bill (org_id, customer_id, booth_id, amount_minor, currency, business_date, created_by)
           values ($1, $2, $3, 101, 'USD', '2026-12-10', 'direct')`,
          [org, customer, booth],
        );
        await c.query(
          'update exhibition_customer set total_minor = total_minor + 101, bill_count = bill_count + 1 where org_id = $1 and id = $2',
          [org, customer],
        );
      }),
    async close() {
      await pool.end();
      await lite?.close();
    },
  };
}
