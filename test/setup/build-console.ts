import { buildConsoleIfStale } from '../../scripts/build-console-if-stale.js';

/**
 * Browser tests drive the built console, scanner and portal: build them once per run, only when their
 * sources changed (the scanner's, the booth's and the portal's code in their modules' scanner-app/,
 * booth-app/ and portal-app/, and web/kit/, count: scripts/build-console-if-stale.js).
 */
export default async function setup(): Promise<void> {
  await buildConsoleIfStale({ force: process.env.OPSDESK_CONSOLE_REBUILD === '1', quiet: true });
}
