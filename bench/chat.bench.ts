import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { startWhatsAppStandin } from '../src/channels/whatsapp/sandbox/whatsapp-graph.ts';
import { usefulRowsBaseline } from './chat-floor.ts';
import { cpuMsOf, postgresCpuMs, selfCpuMs } from './lib/cpu.ts';
import { databaseWork, type Work } from './lib/database-work.ts';
import { jobCounts, readServerDatabase } from './lib/jobs-per-message.ts';
import { type LoadResult, measure, printTable, request, untilReady } from './lib/load.ts';
import { invariant, newRaffle } from './raffle.bench.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SECRET = 'bench-app-secret';
const RANGE = 400;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const STEPS = ['hola', 'rifas', '1', 'PICK', 'confirmar', 'PROOF'];
const pickText = () => [1, 2].map(() => 1 + Math.floor(Math.random() * RANGE)).join(',');

/** Buyers of the census: each goes through the whole conversation once, 8 at a time. */
const CENSUS_BUYERS = 8;

type Layout = 'one process' | 'web ×2 + worker ×2';

/** BENCH_BUYERS=32 (comma list) limits the concurrencies; BENCH_LAYOUTS=one limits the layouts. */
const BUYERS = (process.env.BENCH_BUYERS ?? '1,8,32').split(',').map(Number);
const ONLY_ONE_PROCESS = process.env.BENCH_LAYOUTS === 'one';
/** BENCH_PROFILE_DIR=/tmp/x: server processes write a V8 CPU profile there when they stop. */
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;
/** BENCH_SERVER=dist runs the compiled server (`npm run build` first), as the image does, instead of tsx. */
const SERVER_ENTRY =
  process.env.BENCH_SERVER === 'dist' ? ['dist/src/app/cli.js'] : ['--import', 'tsx', 'src/app/cli.ts'];

/** Peak and last resident set size (MB) of server processes, sampled every 200 ms from /proc. */
export function rssSampler(pids: () => number[]) {
  const peak = new Map<number, number>();
  const last = new Map<number, number>();
  const sample = () => {
    for (const pid of pids()) {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (!m) continue;
        const mb = Number(m[1]) / 1024;
        last.set(pid, mb);
        peak.set(pid, Math.max(peak.get(pid) ?? 0, mb));
      } catch {
        // the process has exited
      }
    }
  };
  sample();
  const timer = setInterval(sample, 200);
  timer.unref();
  return {
    sample,
    report: () =>
      [...peak.keys()]
        .map((pid) => `${Math.round(last.get(pid)!)} MB now / ${Math.round(peak.get(pid)!)} MB peak`)
        .join('; '),
    stop: () => clearInterval(timer),
  };
}

/**
 * `npm run bench chat`: the raffle launch of issue 12. Baselines first (a bare node:http server,
 * single-row UPDATE tps on the same database, and a step's useful rows written in one transaction,
 * the floor of issue 43), then buyers in a closed loop (each sends its next
 * message when the bot's reply reaches the Graph stand-in: menu → raffles → pick → confirm → proof,
 * through SIGNED webhooks) at 1, 8 and 32 buyers: conversation steps/s and reply p50/p95/p99. On
 * PGlite, and on PostgreSQL when DATABASE_URL is set, there both as one `opsdesk start` and as
 * `opsdesk web` ×2 + `opsdesk worker` ×2. Each layout ends with the invariant check (no number held
 * by two orders, every step answered, no webhook refused).
 */
export async function benchChat(): Promise<void> {
  const rows: LoadResult[] = [];
  rows.push(...(await helloWorld()));
  // BENCH_DATABASES=postgres skips PGlite (with DATABASE_URL set)
  const databases: Array<{ name: string; url?: string }> =
    process.env.BENCH_DATABASES === 'postgres' ? [] : [{ name: 'PGlite' }];
  if (process.env.DATABASE_URL) databases.push({ name: 'PostgreSQL', url: process.env.DATABASE_URL });
  for (const database of databases) {
    rows.push(await updateBaseline(database.name, database.url));
    rows.push(await usefulRowsBaseline(database.name, database.url, DURATION));
    const layouts: Layout[] =
      database.url && !ONLY_ONE_PROCESS ? ['one process', 'web ×2 + worker ×2'] : ['one process'];
    for (const layout of layouts) rows.push(...(await conversation(database, layout)));
  }
  printTable(
    'Chat: raffle conversation steps (req/s = steps/s; latency = webhook POST until reply sent)',
    rows,
  );
}

async function helloWorld(): Promise<LoadResult[]> {
  const raw = spawn(process.execPath, [
    '-e',
    "require('http').createServer((q,s)=>{s.end('ok')}).listen(39301,'127.0.0.1')",
  ]);
  await new Promise((r) => setTimeout(r, 700));
  try {
    return [
      await measure({
        label: 'baseline: raw node:http hello world',
        concurrency: 32,
        durationMs: DURATION,
        fire: () => request('http://127.0.0.1:39301/').then(() => {}),
      }),
    ];
  } finally {
    raw.kill();
  }
}

/** pgbench-style: one single-row UPDATE per transaction (autocommit), random row of 1,000. */
async function updateBaseline(name: string, url?: string): Promise<LoadResult> {
  const lite = url ? undefined : await PGlite.create();
  const pool = lite ? new pg.Pool(createPgConfig(lite)) : new pg.Pool({ connectionString: url, max: 32 });
  try {
    await pool.query('drop table if exists bench_accounts_chat');
    await pool.query('create table bench_accounts_chat (id int primary key, balance int not null)');
    await pool.query('insert into bench_accounts_chat select n, 0 from generate_series(1, 1000) n');
    return await measure({
      label: `baseline: single-row UPDATE tps (${name})`,
      concurrency: 32,
      durationMs: DURATION,
      fire: () =>
        pool
          .query('update bench_accounts_chat set balance = balance + 1 where id = $1', [
            1 + Math.floor(Math.random() * 1000),
          ])
          .then(() => {}),
    });
  } finally {
    await pool.query('drop table if exists bench_accounts_chat').catch(() => undefined);
    await pool.end();
    await lite?.close();
  }
}

async function conversation(database: { name: string; url?: string }, layout: Layout): Promise<LoadResult[]> {
  const wa = await startWhatsAppStandin();
  const stack = await startStack(database.url, layout, {
    WHATSAPP_APP_SECRET: SECRET,
    WHATSAPP_ACCESS_TOKEN: wa.accessToken,
    WHATSAPP_PHONE_NUMBER_ID: wa.phoneNumberId,
    WHATSAPP_API_BASE_URL: wa.url,
    WHATSAPP_FLOW: 'raffle',
    OPSDESK_MODULES: 'raffle',
  });
  const rows: LoadResult[] = [];
  const rss = rssSampler(stack.pids);
  rss.sample();
  const rssAtStart = rss.report();
  let unanswered = 0;
  let refused = 0;
  const jobs = jobCounts();
  try {
    const headers = await stack.signIn();
    const raffleId = await newRaffle(stack.bases[0]!, headers);
    const cpu = {
      app: () => cpuMsOf(stack.pids()),
      ...(stack.postgresPid ? { postgres: () => postgresCpuMs(stack.postgresPid!) } : {}),
      'buyers+stand-in': selfCpuMs,
    };
    let buyerSeq = 0;
    /** Every step sent with a 200 (warm-ups included): the statement and commit deltas cover them all. */
    let sent = 0;
    const sendStep = async (buyers: Map<number, { waId: string; step: number }>, loop: number) => {
      let b = buyers.get(loop);
      if (!b || b.step >= STEPS.length) {
        b = { waId: `5959${String(++buyerSeq).padStart(8, '0')}`, step: 0 };
        buyers.set(loop, b);
      }
      const step = STEPS[b.step++]!;
      const payload =
        step === 'PROOF'
          ? wa.imageMessage({
              from: b.waId,
              bytes: Buffer.concat([PNG, Buffer.from(randomUUID())]),
              mimeType: 'image/png',
            })
          : wa.textMessage({ from: b.waId, text: step === 'PICK' ? pickText() : step });
      const waId = b.waId;
      const before = wa.sentMessages(waId).length;
      const base = stack.bases[loop % stack.bases.length]!;
      const res = await wa.deliverWebhook({ to: `${base}/webhooks/whatsapp`, appSecret: SECRET, payload });
      if (res.status !== 200) {
        refused++;
        throw new Error(`webhook ${res.status}`);
      }
      sent++;
      try {
        await wa.waitForMessage(waId, () => wa.sentMessages(waId).length > before, 30_000);
      } catch (err) {
        unanswered++;
        throw err;
      }
    };
    // The census: whole conversations (every step once per buyer), so the mix of steps is the same
    // however fast the machine is, and statements and commits per step compare across runs.
    // What the idle server does by itself (pg-boss polling and upkeep) is taken off every reading at
    // its rate, measured first over a window of its own: a loaded machine takes longer over the same
    // steps, and would otherwise count more of it. Each reading waits out PostgreSQL's lag in
    // reporting commits (`SETTLED_MS`), or the census would count the setup's commits as idle work
    // and miss its own (it printed negative commits per step).
    const idleStart = await stack.databaseWork(SETTLED_MS);
    const census = await stack.databaseWork(SETTLED_MS);
    const idle = idleStart && census ? idleRate(idleStart, census) : undefined;
    if (census && idle) {
      const buyers = new Map<number, { waId: string; step: number }>();
      sent = 0;
      await Promise.all(
        Array.from({ length: CENSUS_BUYERS }, async (_, loop) => {
          for (let i = 0; i < STEPS.length; i++) await sendStep(buyers, loop);
        }),
      );
      const end = (await stack.databaseWork(SETTLED_MS))!;
      const detail = Object.entries(perStep(census, end, sent, idle))
        .map(([what, n]) => `${n.toFixed(1)} ${what}`)
        .join(', ');
      console.log(
        `  per step over ${CENSUS_BUYERS} whole conversations (${sent} steps, ${database.name}, ${layout}; ` +
          `the idle server's own work taken off): ${detail}`,
      );
    }
    for (const concurrency of BUYERS) {
      const buyers = new Map<number, { waId: string; step: number }>();
      sent = 0;
      const dbBefore = await stack.databaseWork(SETTLED_MS);
      const from = new Date();
      const row = await measure({
        label: `${database.name}, ${layout}`,
        concurrency,
        durationMs: DURATION,
        cpu,
        fire: (loop) => sendStep(buyers, loop),
      });
      const dbAfter = await stack.databaseWork(SETTLED_MS);
      if (dbBefore && dbAfter) row.databasePerRequest = perStep(dbBefore, dbAfter, sent, idle);
      jobs.add(row, { from, to: new Date() });
      rows.push(row);
    }
    await new Promise((r) => setTimeout(r, 3000)); // queued steps of the warm-ups drain
    console.log(
      `  invariant (${database.name}, ${layout}): ${await invariant(stack.bases[0]!, headers, raffleId)}; ` +
        `webhooks refused: ${refused}; steps without a reply in 30 s: ${unanswered}`,
    );
    rss.sample();
    console.log(
      `  RSS (${database.name}, ${layout}) after start: ${rssAtStart}; after load: ${rss.report()}`,
    );
  } finally {
    rss.stop();
    await stack.stop(jobs.read);
    await wa.close();
  }
  return rows;
}

/** A bench database's work, and when it was read (performance.now()). */
type DatabaseWork = Work & { at: number };

/**
 * How long a reading of commits waits after the work it should count. PostgreSQL (15) reports a
 * backend's commits at most once a second, and a backend that goes idle within a second of its last
 * report holds the rest back for 10 s (PGSTAT_IDLE_INTERVAL): a reading 1.5 s after a burst missed most
 * of it, and the next reading counted it instead. Statements (pg_stat_statements) count at once.
 */
const SETTLED_MS = 11_000;

/** What the idle server does per ms between two readings with nothing sent. */
type IdleRate = { commits: number; statements?: number };

function idleRate(from: DatabaseWork, to: DatabaseWork): IdleRate {
  const ms = Math.max(1, to.at - from.at);
  return {
    commits: (to.commits - from.commits) / ms,
    ...(from.statements !== undefined && to.statements !== undefined
      ? { statements: (to.statements - from.statements) / ms }
      : {}),
  };
}

/**
 * Statements and commits per step between two readings, over `steps` steps, with the idle server's own
 * work over the same time (at `idle`'s rate) taken off.
 */
function perStep(
  before: DatabaseWork,
  after: DatabaseWork,
  steps: number,
  idle: IdleRate | undefined,
): Record<string, number> {
  const n = Math.max(1, steps);
  const ms = after.at - before.at;
  const own = (done: number, perMs: number | undefined) => (done - (perMs ?? 0) * ms) / n;
  return {
    ...(before.statements !== undefined && after.statements !== undefined
      ? { statements: own(after.statements - before.statements, idle?.statements) }
      : {}),
    commits: own(after.commits - before.commits, idle?.commits),
  };
}

async function startStack(url: string | undefined, layout: Layout, extra: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-chat-bench-'));
  let dbUrl: string | undefined;
  let admin: pg.Client | undefined;
  let dbName = '';
  let postgresPid: number | undefined;
  if (url) {
    // a fresh database per layout, so users, raffles and queues never leak between runs
    dbName = `opsdesk_chat_bench_${Date.now()}`;
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    // counts statements when the server preloads it (shared_preload_libraries=pg_stat_statements)
    await admin.query('create extension if not exists pg_stat_statements').catch(() => undefined);
    postgresPid = (await admin.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    const u = new URL(url);
    u.pathname = `/${dbName}`;
    dbUrl = u.toString();
  }
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    OPSDESK_LOG_LEVEL: 'warn',
    OPSDESK_DATA_DIR: dataDir,
    OPSDESK_RATE_LIMIT_PER_MINUTE: '100000000',
    OPSDESK_LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    OPSDESK_NEW_PASSWORD: 'bench-password-123',
    ...(dbUrl ? { DATABASE_URL: dbUrl } : {}),
    ...extra,
  };
  if (!dbUrl) delete env.DATABASE_URL;
  const children: ChildProcess[] = [];
  const cli = (args: string[], more: Record<string, string> = {}): ChildProcess => {
    const profile =
      PROFILE_DIR && args[0] !== 'create-user' ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
    const child = spawn(process.execPath, [...profile, ...SERVER_ENTRY, ...args], {
      cwd: ROOT,
      env: { ...env, ...more },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout!.resume();
    return child;
  };
  await new Promise<void>((resolve, reject) =>
    cli(['create-user', '--email', 'bench@example.com', '--role', 'owner']).on('exit', (c) =>
      c === 0 ? resolve() : reject(new Error(`create-user ${c}`)),
    ),
  );
  const bases: string[] = [];
  if (layout === 'one process') {
    children.push(cli(['start'], { PORT: '39310' }));
    bases.push('http://127.0.0.1:39310');
  } else {
    for (const port of [39311, 39312]) {
      children.push(cli(['web'], { PORT: String(port) }));
      bases.push(`http://127.0.0.1:${port}`);
    }
    for (const port of [39313, 39314]) {
      const worker = cli(['worker'], { PORT: String(port), OPSDESK_LOG_LEVEL: 'info' });
      children.push(worker);
      await new Promise<void>((resolve) => {
        let out = '';
        worker.stdout!.on('data', (d) => {
          out += String(d);
          if (out.includes('worker started')) resolve();
        });
      });
    }
  }
  for (const base of bases) await untilReady(base, 240);
  const base = bases[0]!;
  return {
    bases,
    postgresPid,
    pids: () => children.map((c) => c.pid!).filter(Boolean),
    /**
     * The bench database's commits so far (pg_stat_database) and statements (pg_stat_statements, when
     * the server preloads it), on PostgreSQL only, after waiting `settleMs` for backends to report
     * their counts (see `SETTLED_MS`).
     */
    async databaseWork(settleMs: number): Promise<DatabaseWork | undefined> {
      if (!admin) return undefined;
      await new Promise((r) => setTimeout(r, settleMs));
      return { ...(await databaseWork(admin, dbName)), at: performance.now() };
    },
    async signIn() {
      const res = await request(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'bench@example.com', password: 'bench-password-123' }),
      });
      const cookie = String(res.headers['set-cookie']?.[0]).split(';')[0]!;
      return { cookie, 'x-csrf-token': JSON.parse(res.body).csrfToken, 'content-type': 'application/json' };
    },
    /** Stops every process; `readLast` reads the database (`readServerDatabase`) before it goes. */
    async stop(readLast?: (pool: pg.Pool) => Promise<void>) {
      for (const child of children) child.kill('SIGTERM');
      await Promise.all(
        children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))),
      );
      if (readLast) await readServerDatabase({ url: dbUrl, dataDir }, readLast);
      rmSync(dataDir, { recursive: true, force: true });
      if (admin) {
        await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
        await admin.end();
      }
    },
  };
}
