import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { migrationSources } from '../src/app/modules.ts';
import { type MomoSandbox, startMomoSandbox } from '../src/channels/momo/index.ts';
import {
  type AfricasTalkingSandbox,
  deploymentSmsCallbackUrls,
  startAfricasTalkingSandbox,
} from '../src/channels/sms/index.ts';
import { prepaidModule } from '../src/modules/prepaid/index.ts';
import { encodeToken } from '../src/modules/prepaid/openpaygo/index.ts';
import { groupedToken } from '../src/modules/prepaid/prepaid.notifications.ts';
import { migrate } from '../src/platform/migrator/index.ts';
import { cpuMsOf, postgresCpuMs } from './lib/cpu.ts';
import { freshDatabase, workPer } from './lib/database-work.ts';
import { jobCounts } from './lib/jobs-per-message.ts';
import { type LoadResult, measure, printTable, request } from './lib/load.ts';
import { pgTransaction } from './lib/pg-transaction.ts';
import { startBenchServer } from './lib/server.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
/**
 * Who pays: in a rush each purchase is another payer (`BENCH_PHONES=purchase`, the default), or each
 * loop is one phone buying again and again (`loop`): its texts then go one after the other (the
 * outbox keeps one line per phone), so a phone buying faster than a text is sent builds a queue.
 */
const PHONES = process.env.BENCH_PHONES === 'loop' ? 'loop' : 'purchase';
let payers = 0;
const payerPhone = (loop: number) =>
  PHONES === 'loop'
    ? `+25078800${String(loop).padStart(4, '0')}`
    : `+25078${String(++payers % 10_000_000).padStart(7, '0')}`;
const KEY = 'bc41ec9530f6dac86b1a29ab82edc5fb';
const SECRET = 'bench-prepaid-secret-key-0123456789abcdef01234567';
/** The bench server's port: the SMS stand-in posts its delivery reports there. */
const PORT = 39_300;

/**
 * Prepaid: OpenPAYGO tokens per second (pure encoder), then full purchases by many payers at once —
 * POST purchase → MoMo request to pay (stand-in) → payer approves → callback → the token is made
 * and its message queued (the purchase reads `paid` with a token) — beside the settlement hook's
 * SQL (purchase lock, meter lock, month sum, token insert, count advance, audit, outbox row) sent
 * straight through pg.
 */
export async function benchPrepaid(): Promise<void> {
  // A token costs one SipHash per count step from the starting code: a meter's 500th top-up (count
  // ~1000) costs 1000 hashes, so the rate is given at three ages of a meter.
  for (const count of [1, 100, 1000]) {
    const t0 = performance.now();
    let n = 0;
    while (performance.now() - t0 < 1000) {
      encodeToken({ key: KEY, startingCode: 516959010, count, type: 'ADD_TIME', value: n % 996 });
      n++;
    }
    console.log(
      `  OpenPAYGO standard tokens at count ${count}: ${Math.round(n / ((performance.now() - t0) / 1000))}/s (one core)`,
    );
  }

  // On a loaded machine a stray 'socket hang up' (ECONNRESET) surfaced as an uncaught error with no
  // frame of ours and ended the run; count it instead, and let anything else end the run as before.
  let hangUps = 0;
  const onUncaught = (err: NodeJS.ErrnoException) => {
    if (err.code !== 'ECONNRESET') throw err;
    hangUps++;
  };
  process.on('uncaughtException', onUncaught);
  const momo = await startMomoSandbox({ dropCallbacks: true });
  // The token SMS to the phone that paid (on by default) goes through Africa's Talking's stand-in, as
  // in the sandbox, with the delivery reports its dashboard would post to the deployment's account URL.
  const at: AfricasTalkingSandbox = await startAfricasTalkingSandbox({
    deliveryReportUrl: () =>
      deploymentSmsCallbackUrls({
        publicUrl: `http://127.0.0.1:${PORT}`,
        secretKey: SECRET,
        provider: 'africastalking',
        username: at.username,
      }).deliveryReportsUrl,
  });
  // The server's settings, given to its process only: set on this process's env they stayed for the
  // benches run after this one (the exhibition bench's server then ran without its module).
  const serverEnv = {
    MOMO_BASE_URL: momo.url,
    MOMO_SUBSCRIPTION_KEY: momo.subscriptionKey,
    MOMO_API_USER: momo.apiUser,
    MOMO_API_KEY: momo.apiKey,
    MOMO_TARGET_ENVIRONMENT: momo.targetEnvironment,
    ...at.appEnv(),
    OPSDESK_SECRET_KEY: SECRET,
    OPSDESK_MODULES: 'prepaid',
  };
  const databases: Array<{ name: string; url?: string }> =
    process.env.BENCH_DATABASES === 'postgres' ? [] : [{ name: 'PGlite' }];
  if (process.env.DATABASE_URL) databases.push({ name: 'PostgreSQL', url: process.env.DATABASE_URL });
  const rows: LoadResult[] = [];
  try {
    for (const database of databases) rows.push(...(await purchases(momo, at, serverEnv, database)));
    printTable(
      'Prepaid: full mobile-money purchases (request → callback → token + message) beside the settlement SQL through pg',
      rows,
    );
    console.log(`  stray connection resets: ${hangUps}`);
  } finally {
    await momo.close();
    await at.close();
    process.off('uncaughtException', onUncaught);
  }
}

/** Purchases at 8 and 32 payers on one database (PostgreSQL: a fresh one), each beside the baseline. */
async function purchases(
  momo: MomoSandbox,
  at: AfricasTalkingSandbox,
  serverEnv: Record<string, string>,
  database: { name: string; url?: string },
): Promise<LoadResult[]> {
  const fresh = database.url ? await freshDatabase(database.url, 'prepaid') : undefined;
  // The embedded baseline before the server: migrating its database takes a minute on a loaded
  // machine, and the server's keep-alive sockets (readiness, sign-in) left idle that long were closed
  // under the next request (a 'socket hang up' that ended the run). On PostgreSQL it uses the tables
  // the server's start migrates, so it comes after.
  let direct = fresh ? undefined : await directBaseline(undefined);
  const jobs = jobCounts();
  // BENCH_PROFILE_DIR=/tmp/x: the server writes a V8 CPU profile there when it stops.
  const profileDir = process.env.BENCH_PROFILE_DIR;
  const server = await startBenchServer(PORT, {
    ...serverEnv,
    DATABASE_URL: fresh?.url ?? '',
    ...(profileDir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` } : {}),
  });
  try {
    direct ??= await directBaseline(fresh?.url);
    const headers = await server.signIn();
    const post = async (path: string, body: unknown) => {
      const res = await request(`${server.base}${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      });
      if (res.status >= 300) throw new Error(`${path} ${res.status} ${res.body}`);
      return JSON.parse(res.body);
    };
    await post('/api/prepaid/tariffs', {
      category: 'residential',
      currency: 'RWF',
      tiers: [{ uptoKwh: null, priceMinorPerKwh: 100 }],
      effectiveFrom: '2020-01-01T00:00:00Z',
    });
    const account = await post('/api/prepaid/accounts', {
      kind: 'household',
      name: 'bench',
      channel: { name: 'email', to: 'bench-payer@example.com' },
    });
    const meters: string[] = [];
    for (let i = 0; i < 32; i++)
      meters.push(
        (await post('/api/prepaid/meters', { accountId: account.id, number: `B-${i}-${Date.now()}` })).id,
      );
    const postgres: Record<string, () => number> = fresh
      ? { postgres: () => postgresCpuMs(fresh.backendPid) }
      : {};
    const rows: LoadResult[] = [];
    const hops = hopTimes();
    const texts = tokenTexts(at, fresh?.url);
    /** `countJobs`: the server did the work, so its pg-boss jobs per message sent are counted. */
    const run = async (
      label: string,
      concurrency: number,
      cpu: Record<string, () => number>,
      fire: (loop: number) => Promise<void>,
      countJobs = false,
    ) => {
      const before = await fresh?.work();
      const from = new Date();
      const row = await measure({ label, concurrency, durationMs: DURATION, cpu, fire });
      // Every token SMS of the run has left before the count closes, so its sending counts with its purchase.
      await texts.settle(`${database.name} ×${concurrency}`);
      const after = await fresh?.work();
      if (before && after) row.databasePerRequest = workPer(before, after, row);
      if (countJobs) jobs.add(row, { from, to: new Date() });
      rows.push(row);
    };
    for (const concurrency of [8, 32]) {
      // the baseline's client runs in this process: only PostgreSQL's CPU is its own
      await run(`baseline: settlement SQL through pg (${database.name})`, concurrency, postgres, (loop) =>
        direct!.settle(loop),
      );
      await run(
        `purchases (${database.name})`,
        concurrency,
        { app: () => cpuMsOf([server.pid]), ...postgres },
        async (loop) => {
          const t0 = performance.now();
          const p = await post('/api/prepaid/purchases', {
            meterId: meters[loop]!,
            method: 'momo',
            amount: { amountMinor: 500, currency: 'RWF' },
            msisdn: payerPhone(loop),
          });
          const t1 = performance.now();
          await momo.waitForRequestToPay((r) => r.referenceId === p.paymentId, 30_000);
          const t2 = performance.now();
          await momo.settle(p.paymentId, 'SUCCESSFUL');
          await momo.sendCallback(p.paymentId, { url: `${server.base}/webhooks/momo` });
          const t3 = performance.now();
          for (let i = 0; i < 600; i++) {
            const got = JSON.parse(
              (await request(`${server.base}/api/prepaid/purchases/${p.id}`, { headers })).body,
            );
            if (got.status === 'paid' && got.token) {
              texts.add(got.token, t2);
              hops.add([t1 - t0, t2 - t1, t3 - t2, performance.now() - t3, i + 1]);
              return;
            }
            await new Promise((r) => setTimeout(r, 20));
          }
          throw new Error('no token');
        },
        true,
      );
      hops.print(`${database.name} ×${concurrency}`);
    }
    await texts.close();
    const check = await request(`${server.base}/api/payments?perPage=1`, { headers });
    console.log(`  payments API answers (${database.name}): ${check.status}`);
    return rows;
  } catch (err) {
    // Printed here: the finally's shutdown can end the run on a stray reset before the error shows.
    console.error('prepaid bench failed:', err);
    throw err;
  } finally {
    await direct?.close();
    await server.stop(jobs.read);
    await fresh?.drop();
  }
}

/** issueToken's statements (purchases.ts) on one meter per payer, through pg. */
async function directBaseline(url: string | undefined) {
  const lite = url ? undefined : await PGlite.create();
  const pool = lite ? new pg.Pool(createPgConfig(lite)) : new pg.Pool({ connectionString: url, max: 10 });
  if (lite) await migrate(pool, migrationSources([prepaidModule]));
  const org = (
    await pool.query<{ id: string }>(
      "insert into organization (slug, name) values ('bench-prepaid-' || floor(random()*1e9)::text, 'bench') returning id",
    )
  ).rows[0]!.id;
  const account = (
    await pool.query<{ id: string }>(
      `insert into prepaid_account (org_id, kind, name) values ($1, 'household', 'direct') returning id`,
      [org],
    )
  ).rows[0]!.id;
  const meters = (
    await pool.query<{ id: string }>(
      `insert into prepaid_meter (org_id, account_id, number, opg_key_sealed, opg_starting_code)
       select $1, $2, 'D-' || n, 'sealed', 516959010 from generate_series(1, 32) n returning id`,
      [org, account],
    )
  ).rows.map((r) => r.id);
  return {
    async settle(loop: number) {
      const meter = meters[loop]!;
      await pgTransaction(pool, async (c) => {
        const purchase = (
          await c.query<{ id: string }>(
            `insert into prepaid_purchase (org_id, meter_id, method, amount_minor, currency, payment_id)
           values ($1, $2, 'momo', 500, 'RWF', gen_random_uuid()) returning id, payment_id`,
            [org, meter],
          )
        ).rows[0]!;
        const p = (await c.query('select * from prepaid_purchase where id = $1 for update', [purchase.id]))
          .rows[0];
        await c.query('select id from prepaid_token where payment_id = $1', [p.payment_id]);
        const m = (await c.query('select * from prepaid_meter where id = $1 for update', [meter])).rows[0];
        await c.query(
          `select coalesce(sum(units_tenths), 0) from prepaid_token where meter_id = $1 and created_at >= date_trunc('month', now())`,
          [meter],
        );
        const { token, newCount } = encodeToken({
          key: KEY,
          startingCode: 516959010,
          count: m.opg_last_count,
          type: 'ADD_TIME',
          value: 50,
        });
        await c.query(
          `insert into prepaid_token (org_id, meter_id, purchase_id, payment_id, token, token_type, count, value, units_tenths, amount_minor, currency)
         values ($1, $2, $3, $4, $5, 'ADD_TIME', $6, 50, 50, 500, 'RWF') on conflict (payment_id) do nothing`,
          [org, meter, purchase.id, p.payment_id, token, newCount],
        );
        await c.query('update prepaid_meter set opg_last_count = $2 where id = $1', [
          meter,
          newCount % 2_000_000_000,
        ]);
        await c.query(`update prepaid_purchase set status = 'paid', units_tenths = 50 where id = $1`, [
          purchase.id,
        ]);
        await c.query(
          `insert into audit_event (org_id, actor_type, actor_id, actor_label, action, subject_type, subject_id, before, after, meta)
         values ($1, 'system', null, 'bench', 'prepaid.token.issued', 'prepaid_purchase', $2, null, '{}', '{}')`,
          [org, purchase.id],
        );
        // The outbox row, written as already sent: on PostgreSQL the baseline shares the server's
        // database, and thousands of queued messages to one address on a channel the server has not
        // set up were a backlog no rush has, which its dispatcher looked through on every claim.
        await c.query(
          `insert into notification (org_id, channel, recipient, template, data, locale, subject, body, attachments, status, sent_at)
         values ($1, 'email', 'x@example.com', 'prepaid.token', '{}', 'en', 's', $2, '[]', 'sent', now())`,
          [org, token],
        );
      });
    },
    async close() {
      await pool.end();
      await lite?.close();
    },
  };
}

/**
 * Where a purchase's time goes, as the payer sees it (mean ms per hop, over the purchases since the
 * last print, warm-up included): the POST, until the request to pay reaches the provider (the job
 * hop), the payer's approval and the callback's answer, and until the token reads on the purchase
 * (with the number of reads that took).
 */
function hopTimes() {
  let sums = [0, 0, 0, 0, 0];
  let n = 0;
  return {
    add(values: number[]) {
      sums = sums.map((s, i) => s + values[i]!);
      n++;
    },
    print(label: string) {
      const [post, request, callback, token, reads] = sums.map((s) => s / Math.max(1, n));
      console.log(
        `  ${label} mean ms: POST ${post!.toFixed(0)}, until the provider has the request ${request!.toFixed(0)}, ` +
          `approval + callback ${callback!.toFixed(0)}, until the token reads ${token!.toFixed(0)} (${reads!.toFixed(1)} reads)`,
      );
      sums = [0, 0, 0, 0, 0];
      n = 0;
    },
  };
}

/**
 * The token SMS of each purchase, as the stand-in received it: from the token's issue (its row's
 * `created_at` on PostgreSQL; on PGlite, when the payer approved, a bound from below) to the stand-in
 * receiving the text (p50/p95/p99), and how many had left when the load ended.
 */
function tokenTexts(at: AfricasTalkingSandbox, url: string | undefined) {
  const pool = url ? new pg.Pool({ connectionString: url, max: 1 }) : undefined;
  /** Tokens issued during the load, with the bench's time of the approval (ms since the epoch). */
  let tokens = new Map<string, number>();
  const received = () => {
    const at_ = new Map<string, number>();
    for (const sms of at.received()) at_.set(sms.text, Date.parse(sms.at));
    return at_;
  };
  return {
    add(token: string, approvedAt: number) {
      tokens.set(token, performance.timeOrigin + approvedAt);
    },
    async settle(label: string) {
      const loadEnd = Date.now();
      const issued = tokens;
      tokens = new Map();
      if (!issued.size) return;
      const grouped = [...issued.keys()].map((t) => [t, groupedToken(t)] as const);
      const arrivals = new Map<string, number>();
      for (let i = 0; i < 1200 && arrivals.size < issued.size; i++) {
        for (const [text, when] of received())
          for (const [token, g] of grouped)
            if (!arrivals.has(token) && text.includes(g)) arrivals.set(token, when);
        if (arrivals.size < issued.size) await new Promise((r) => setTimeout(r, 100));
      }
      const issuedAt = new Map(issued);
      if (pool) {
        const { rows } = await pool.query<{ token: string; created_at: Date }>(
          'select token, created_at from prepaid_token where token = any($1)',
          [[...issued.keys()]],
        );
        for (const r of rows) issuedAt.set(r.token, r.created_at.getTime());
      }
      const lags = [...arrivals].map(([token, when]) => when - issuedAt.get(token)!).sort((a, b) => a - b);
      const pct = (p: number) =>
        lags[Math.min(lags.length - 1, Math.floor((p / 100) * lags.length))] ?? Number.NaN;
      const during = [...arrivals.values()].filter((when) => when <= loadEnd).length;
      console.log(
        `  ${label} token SMS (a phone per ${PHONES}): ${arrivals.size}/${issued.size} reached the stand-in, ${during} during the load; ` +
          `ms from ${pool ? 'the token' : 'the approval'} to the stand-in p50 ${pct(50).toFixed(0)}, ` +
          `p95 ${pct(95).toFixed(0)}, p99 ${pct(99).toFixed(0)}, max ${(lags.at(-1) ?? Number.NaN).toFixed(0)}`,
      );
    },
    close: async () => pool?.end(),
  };
}
