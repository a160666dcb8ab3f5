import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { type App, buildApp } from '../src/app/build-app.ts';
import { AVAILABLE_MODULES } from '../src/app/modules.ts';
import { addMember } from '../src/core/auth/index.ts';
import { findOrganizationBySlug } from '../src/core/orgs/index.ts';
import { runCleanup } from '../src/core/retention/index.ts';
import { loadConfig } from '../src/platform/config/index.ts';
import { paidStudentsWithPasses } from '../test/support/mess-passes.ts';

const ROWS = Number(process.env.BENCH_RETENTION_ROWS ?? 1_000_000);
const SCANNERS = 4;

/**
 * Time to clean `BENCH_RETENTION_ROWS` (default 1,000,000) scan rows older than their period, and the
 * latency of counter scans (`POST /api/mess/scans`, 4 scanners) meanwhile, beside a plain
 * `DELETE … WHERE scanned_at < cutoff` of the same rows in the same run. On PGlite (the embedded
 * database) and, with DATABASE_URL, on PostgreSQL. The app runs in this process: on PGlite the
 * cleanup job runs in the app's own process too.
 */
export async function benchRetention(): Promise<void> {
  const bench = await openBench();
  try {
    const idle = await scansDuring(bench, async () => new Promise((r) => setTimeout(r, 5_000)));
    const fill = await fillOldScans(bench);
    const cleanup = await scansDuring(bench, async () => {
      const [result] = await runCleanup(
        { ...bench.app.deps, retention: bench.app.deps.declared.retention },
        { dryRun: false, trigger: 'cli', orgSlug: 'default' },
      );
      const removed = result!.kinds.find((k) => k.kind === 'mess.scans')!.rows;
      if (removed !== ROWS) throw new Error(`cleanup removed ${removed} of ${ROWS}`);
    });
    await fillOldScans(bench);
    const plain = await scansDuring(bench, async () => {
      await sql`delete from mess_scan where org_id = ${bench.orgId} and scanned_at < now() - interval '365 days'`.execute(
        bench.app.database.db,
      );
    });
    const db = bench.app.config.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
    console.log(
      `\nRetention: ${ROWS.toLocaleString('en')} old scan rows on ${db} (${SCANNERS} scanners meanwhile)`,
    );
    console.log(`  filled with one INSERT … SELECT generate_series in ${(fill / 1000).toFixed(1)} s`);
    const line = (label: string, r: Awaited<ReturnType<typeof scansDuring>>) =>
      console.log(
        `  ${label.padEnd(44)}${`${(r.ms / 1000).toFixed(1)} s`.padStart(10)}${String(r.n).padStart(8)}${r.p50.toFixed(0).padStart(8)}${r.p95.toFixed(0).padStart(8)}${r.p99.toFixed(0).padStart(8)}${r.max.toFixed(0).padStart(8)}${String(r.errors).padStart(8)}`,
      );
    console.log(
      `  ${'during'.padEnd(44)}${'took'.padStart(10)}${'scans'.padStart(8)}${'p50 ms'.padStart(8)}${'p95 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'max ms'.padStart(8)}${'errors'.padStart(8)}`,
    );
    line('nothing (baseline, 5 s)', idle);
    line(`opsdesk cleanup (batches of ${db === 'PGlite' ? '250, paced' : '1,000'})`, cleanup);
    line('plain DELETE (one statement, baseline)', plain);
  } finally {
    await bench.close();
  }
}

interface Bench {
  app: App;
  orgId: string;
  studentId: string;
  passes: string[];
  headers: Record<string, string>;
  close(): Promise<void>;
}

async function openBench(): Promise<Bench> {
  const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-bench-retention-'));
  const server = process.env.DATABASE_URL;
  let url: string | undefined;
  let dropDatabase = async () => {};
  if (server) {
    const name = `bench_retention_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(server);
    u.pathname = `/${name}`;
    url = u.toString();
    dropDatabase = async () => {
      const a = new pg.Client({ connectionString: server });
      await a.connect();
      await a.query(`drop database if exists ${name}`);
      await a.end();
    };
  }
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      OPSDESK_LOG_LEVEL: 'warn',
      OPSDESK_DATA_DIR: dataDir,
      OPSDESK_RATE_LIMIT_PER_MINUTE: '100000000',
      ...(url ? { DATABASE_URL: url } : {}),
    },
    { envFile: false },
  );
  const app = await buildApp({ config, modules: AVAILABLE_MODULES });
  const org = (await findOrganizationBySlug(app.database.db, 'default'))!;
  await addMember(app.deps.systemCtx(org.id, 'bench'), {
    email: 'bench@example.com',
    name: 'bench',
    password: 'bench-password-123',
    role: 'owner',
    assignerRole: 'system',
  });
  const login = await app.http.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: 'bench@example.com', password: 'bench-password-123' },
  });
  const headers = {
    cookie: String(login.headers['set-cookie']).split(';')[0]!,
    'x-csrf-token': login.json().csrfToken,
    'content-type': 'application/json',
  };
  const passes = await paidStudentsWithPasses(
    {
      send: async (method, path, body) =>
        (await app.http.inject({ method, url: path, headers, payload: JSON.stringify(body) })).json(),
      bytes: async (path) => (await app.http.inject({ method: 'GET', url: path, headers })).rawPayload,
    },
    8,
    'R',
  );
  const { rows } = await sql<{
    id: string;
  }>`select id from mess_student where org_id = ${org.id} limit 1`.execute(app.database.db);
  return {
    app,
    orgId: org.id,
    studentId: rows[0]!.id,
    passes,
    headers,
    async close() {
      await app.close();
      await dropDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `ROWS` scans of a year and more ago, in one statement; its time in ms. */
async function fillOldScans(bench: Bench): Promise<number> {
  const t0 = performance.now();
  await sql`insert into mess_scan (org_id, nonce, device_id, student_id, method, scanned_at, local_date, offline,
      decision, reason, synced_by)
    select ${bench.orgId}, gen_random_uuid(), 'counter-old', ${bench.studentId}, 'pass',
      now() - interval '400 days' - (g || ' seconds')::interval, to_char(now() - interval '400 days', 'YYYY-MM-DD'),
      false, 'denied', 'already_served', 'bench'
    from generate_series(1, ${ROWS}) g`.execute(bench.app.database.db);
  await sql`analyze mess_scan`.execute(bench.app.database.db);
  return performance.now() - t0;
}

/** Counter scans from `SCANNERS` loops while `work` runs: its time and the scans' latency. */
async function scansDuring(bench: Bench, work: () => Promise<void>) {
  const latencies: number[] = [];
  let errors = 0;
  let running = true;
  const loop = async (n: number) => {
    for (let i = 0; running; i++) {
      const t0 = performance.now();
      const res = await bench.app.http.inject({
        method: 'POST',
        url: '/api/mess/scans',
        headers: bench.headers,
        payload: JSON.stringify({
          deviceId: `bench-${n}`,
          scans: [
            {
              nonce: crypto.randomUUID(),
              code: bench.passes[(n * 3 + i) % bench.passes.length],
              scannedAt: new Date().toISOString(),
              offline: false,
            },
          ],
        }),
      });
      latencies.push(performance.now() - t0);
      if (res.statusCode !== 200) errors++;
    }
  };
  const t0 = performance.now();
  const loops = Array.from({ length: SCANNERS }, (_, n) => loop(n));
  try {
    await work();
  } finally {
    running = false;
  }
  const ms = performance.now() - t0;
  await Promise.all(loops);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? Number.NaN;
  return {
    ms,
    n: latencies.length,
    p50: pct(0.5),
    p95: pct(0.95),
    p99: pct(0.99),
    max: latencies.at(-1) ?? Number.NaN,
    errors,
  };
}
