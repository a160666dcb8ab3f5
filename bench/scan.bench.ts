import pg from 'pg';
import { rssSampler } from './chat.bench.ts';
import { type LoadResult, measure, printTable, request } from './lib/load.ts';
import { startBenchServer } from './lib/server.ts';
import { directBaseline, setUp } from './mess.bench.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
/** BENCH_SCANNERS=32 (comma list) limits the concurrencies. */
const SCANNERS = (process.env.BENCH_SCANNERS ?? '8,32').split(',').map(Number);

/**
 * `npm run bench scan`: mess counter scans (issue 12). On PGlite, and on PostgreSQL when
 * DATABASE_URL is set (a fresh database per run): `POST /api/mess/scans` with one online scan per
 * request from 8 and 32 scanners, each beside the same statements sent straight through `pg` in
 * the same run (the raw SQL baseline), and the server's RSS after start and after the load.
 */
export async function benchScan(): Promise<void> {
  const rows: LoadResult[] = [];
  const databases: Array<{ name: string; url?: string }> =
    process.env.BENCH_DATABASES === 'postgres' ? [] : [{ name: 'PGlite' }];
  if (process.env.DATABASE_URL) databases.push({ name: 'PostgreSQL', url: process.env.DATABASE_URL });
  for (const database of databases) rows.push(...(await scans(database)));
  printTable('Scans: POST /api/mess/scans (1 scan per request) beside the same SQL through pg', rows);
}

async function scans(database: { name: string; url?: string }): Promise<LoadResult[]> {
  const fresh = database.url ? await freshDatabase(database.url) : undefined;
  const server = await startBenchServer(39_320, { DATABASE_URL: fresh?.url ?? '' });
  const rss = rssSampler(() => [server.pid]);
  const rows: LoadResult[] = [];
  try {
    rss.sample();
    const atStart = rss.report();
    const headers = await server.signIn();
    const codes = await setUp(server.base, headers);
    const direct = await directBaseline(fresh?.url ?? null); // null: PGlite
    for (const concurrency of SCANNERS) {
      rows.push(
        await measure({
          label: `baseline: same SQL through pg (${database.name})`,
          concurrency,
          durationMs: DURATION,
          fire: () => direct.scan(),
        }),
      );
      rows.push(
        await measure({
          label: `scans (${database.name})`,
          concurrency,
          durationMs: DURATION,
          fire: (loop, i) =>
            request(`${server.base}/api/mess/scans`, {
              method: 'POST',
              headers,
              body: JSON.stringify({
                deviceId: `bench-${loop}`,
                scans: [
                  {
                    nonce: crypto.randomUUID(),
                    code: codes[(loop * 7 + i) % codes.length],
                    scannedAt: new Date().toISOString(),
                    offline: false,
                  },
                ],
              }),
            }).then(() => {}),
        }),
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

async function freshDatabase(url: string) {
  const name = `opsdesk_scan_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await admin.end();
    },
  };
}
