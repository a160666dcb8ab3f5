/**
 * `npm run bench -- --smoke`: every bench runs to its end on small sizes, in a second per
 * measurement, so CI sees one that no longer runs (its numbers are printed, never judged). Only the
 * settings not given are set: `BENCH_SECONDS=3 npm run bench -- --smoke` measures three seconds.
 * Imported by `run.ts` before any bench, since each reads its settings when it loads.
 */
export const SMOKE = process.argv.includes('--smoke');

const SMALL: Record<string, string> = {
  BENCH_SECONDS: '1',
  BENCH_BUYERS: '8',
  BENCH_LAYOUTS: 'one',
  BENCH_SCANNERS: '8',
  BENCH_ROWS: '12000', // `lists` asks page 400 of 25
  BENCH_RUNS: '2',
  BENCH_IMPORT_ROWS: '500',
  BENCH_IMPORT_CONSOLE_ROWS: '500',
  BENCH_RETENTION_ROWS: '2000',
  BENCH_COFFEE_DEVICES: '50',
  BENCH_SESSIONS: '5',
  BENCH_THINK_MS: '100',
  BENCH_SAMPLE_MS: '500',
};

if (SMOKE) for (const [name, value] of Object.entries(SMALL)) process.env[name] ??= value;
