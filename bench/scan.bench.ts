import { rssSampler } from './chat.bench.ts';
import { cpuMsOf, postgresCpuMs } from './lib/cpu.ts';
import { freshDatabase, workPer } from './lib/database-work.ts';
import { type LoadResult, measure, printTable, request } from './lib/load.ts';
import { startBenchServer } from './lib/server.ts';
import { directBaseline, setUp } from './mess.bench.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
/** BENCH_SCANNERS=32 (comma list) limits the concurrencies. */
const SCANNERS = (process.env.BENCH_SCANNERS ?? '8,32').split(',').map(Number);

/** Scans per offline sync in the batch rows: what the scanner sends (`src/modules/mess/scanner-app/sync.ts`). */
const BATCH = Number(process.env.BENCH_SCAN_BATCH ?? 50);

/**
 * `npm run bench scan`: mess counter scans (issues 12 and 29). On PGlite, and on PostgreSQL when
 * DATABASE_URL is set (a fresh database per run): `POST /api/mess/scans` with one online scan per
 * request, and offline syncs of BENCH_SCAN_BATCH (50) scans per request, from 8 and 32 scanners,
 * each beside the same statements sent straight through `pg` in the same run (the raw SQL
 * baseline). Batch rows count scans: scans/s, and CPU and statements per scan. Beside each row, CPU
 * ms per scan of the server (and of PostgreSQL) and, on PostgreSQL, statements and commits per scan
 * (pg_stat_statements, when the server preloads it): numbers that do not depend on how loaded the
 * machine is. Then the server's RSS after start and after the load.
 */
export async function benchScan(): Promise<void> {
  const rows: LoadResult[] = [];
  const databases: Array<{ name: string; url?: string }> =
    process.env.BENCH_DATABASES === 'postgres' ? [] : [{ name: 'PGlite' }];
  if (process.env.DATABASE_URL) databases.push({ name: 'PostgreSQL', url: process.env.DATABASE_URL });
  for (const database of databases) rows.push(...(await scans(database)));
  printTable(
    `Scans: POST /api/mess/scans (1 scan, and offline syncs of ${BATCH}: scans/s) beside the same SQL through pg`,
    rows,
  );
}

async function scans(database: { name: string; url?: string }): Promise<LoadResult[]> {
  const fresh = database.url ? await freshDatabase(database.url, 'scan') : undefined;
  const server = await startBenchServer(39_320, { DATABASE_URL: fresh?.url ?? '' });
  const rss = rssSampler(() => [server.pid]);
  const rows: LoadResult[] = [];
  try {
    rss.sample();
    const atStart = rss.report();
    const headers = await server.signIn();
    const codes = await setUp(server.base, headers);
    const direct = await directBaseline(fresh?.url ?? null); // null: PGlite
    const cpu: Record<string, () => number> = {
      app: () => cpuMsOf([server.pid]),
      ...(fresh ? { postgres: () => postgresCpuMs(fresh.backendPid) } : {}),
    };
    const scan = (loop: number, i: number) => ({
      nonce: crypto.randomUUID(),
      code: codes[(loop * 7 + i) % codes.length],
      scannedAt: new Date().toISOString(),
      offline: false,
    });
    const send = (loop: number, scans: unknown[]) =>
      request(`${server.base}/api/mess/scans`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ deviceId: `bench-${loop}`, scans }),
      }).then(() => {});
    for (const concurrency of SCANNERS) {
      const run = async (label: string, size: number, fire: (loop: number, i: number) => Promise<void>) => {
        const before = await fresh?.work();
        // the baseline's client runs in this process: only PostgreSQL's CPU is its own
        const parts = label.startsWith('baseline')
          ? { ...(cpu.postgres ? { postgres: cpu.postgres } : {}) }
          : cpu;
        const row = await measure({ label, concurrency, durationMs: DURATION, fire, cpu: parts });
        const after = await fresh?.work();
        return perScan(row, size, before && after ? workPer(before, after, row) : undefined);
      };
      rows.push(await run(`baseline: same SQL through pg (${database.name})`, 1, () => direct.scan(1)));
      rows.push(await run(`scans (${database.name})`, 1, (loop, i) => send(loop, [scan(loop, i)])));
      rows.push(
        await run(`baseline: ${BATCH} in one insert (${database.name})`, BATCH, () => direct.scan(BATCH)),
      );
      rows.push(
        await run(`syncs of ${BATCH} (${database.name})`, BATCH, (loop, i) =>
          send(
            loop,
            Array.from({ length: BATCH }, (_, k) => ({ ...scan(loop, i * BATCH + k), offline: true })),
          ),
        ),
      );
    }
    await direct.close();
    rss.sample();
    console.log(`  RSS (${database.name}, scans) after start: ${atStart}; after load: ${rss.report()}`);
  } finally {
    rss.stop();
    await server.stop();
    await fresh?.drop();
  }
  return rows;
}

/**
 * A row of requests read as scans: a request of `size` scans counts `size` scans per second, and
 * its CPU and database work is shared among them (latencies stay those of the request).
 */
function perScan(row: LoadResult, size: number, work: Record<string, number> | undefined): LoadResult {
  const per = (parts: Record<string, number> | undefined) =>
    parts && Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, v / size]));
  const cpuPerRequest = per(row.cpuPerRequest);
  const databasePerRequest = per(work);
  return {
    ...row,
    rps: row.rps * size,
    ...(cpuPerRequest ? { cpuPerRequest } : {}),
    ...(databasePerRequest ? { databasePerRequest } : {}),
  };
}
