/**
 * `npm run bench [name...]`: runs the benchmarks (all by default) and prints throughput and latency
 * percentiles next to a baseline measured in the same run. Not a test: it never fails on a slow machine.
 * BENCH_SECONDS sets each measurement's length (default 5); DATABASE_URL runs against PostgreSQL.
 */
import { benchPlatform } from './platform.bench.ts';
import { benchRaffle } from './raffle.bench.ts';

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

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(BENCHES)) {
  if (wanted.length && !wanted.includes(name)) continue;
  console.log(`\n### ${name}`);
  await run();
}
