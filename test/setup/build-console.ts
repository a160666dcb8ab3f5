import { buildConsoleIfStale } from '../../scripts/build-console-if-stale.js';

/** Browser tests drive the built console and scanner: build them once per run (only when sources changed). */
export default async function setup(): Promise<void> {
  await buildConsoleIfStale({ force: process.env.OPSDESK_CONSOLE_REBUILD === '1', quiet: true });
}
