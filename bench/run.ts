/**
 * `npm run bench [name...]`: runs the benchmarks (all by default) and prints throughput and latency
 * percentiles next to a baseline measured in the same run. Not a test: it never fails on a slow machine.
 * BENCH_SECONDS sets each measurement's length (default 5); DATABASE_URL runs against PostgreSQL;
 * `--smoke` runs each on small sizes for a second (CI's smoke step, `smoke.ts`).
 */
import { freshDatabase } from './lib/database-work.ts';
import { benchPlatform } from './platform.bench.ts';
import { benchRaffle } from './raffle.bench.ts';
import { SMOKE } from './smoke.ts';

const BENCHES: Record<string, () => Promise<void>> = {
  platform: benchPlatform,
  raffle: benchRaffle,
  mess: (await import('./mess.bench.ts')).benchMess,
  chat: (await import('./chat.bench.ts')).benchChat,
  scan: (await import('./scan.bench.ts')).benchScan,
  prepaid: (await import('./prepaid.bench.ts')).benchPrepaid,
  exhibition: (await import('./exhibition.bench.ts')).benchExhibition,
  scale: (await import('./scale.bench.ts')).benchScale,
  lists: (await import('./lists.bench.ts')).benchLists,
  coffee: (await import('./coffee.bench.ts')).benchCoffee,
  retention: (await import('./retention.bench.ts')).benchRetention,
  import: (await import('./import.bench.ts')).benchImport,
  memory: (await import('./memory.bench.ts')).benchMemory,
  ussd: (await import('./ussd.bench.ts')).benchUssd,
  ha: (await import('./ha.bench.ts')).benchHa,
};

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const unknown = wanted.filter((name) => !(name in BENCHES));
if (unknown.length)
  throw new Error(`no bench named ${unknown.join(', ')}: ${Object.keys(BENCHES).join(', ')}`);
for (const [name, run] of Object.entries(BENCHES)) {
  if (wanted.length && !wanted.includes(name)) continue;
  const started = performance.now();
  console.log(`\n### ${name}${SMOKE ? ' (smoke: small sizes, numbers not to compare)' : ''}`);
  await onFreshDatabase(name, run);
  console.log(`  (${name}: ${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

/**
 * On PostgreSQL each bench gets a database of its own, dropped after it: what one bench left (its
 * users, raffles, meters) never changes what the next one measures or makes it refuse to start.
 */
async function onFreshDatabase(name: string, run: () => Promise<void>): Promise<void> {
  const server = process.env.DATABASE_URL;
  if (!server) return run();
  const fresh = await freshDatabase(server, name);
  process.env.DATABASE_URL = fresh.url;
  try {
    await run();
  } finally {
    process.env.DATABASE_URL = server;
    await fresh.drop();
  }
}
