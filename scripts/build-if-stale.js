// @ts-check
// What `npm start` builds before it runs the server: the browser apps, then the server's dist/, each
// only when stale. start.js runs this in a process of its own (see there).
import { buildConsoleIfStale } from './build-console-if-stale.js';
import { buildServerIfStale } from './build-server.js';

try {
  await buildConsoleIfStale();
  await buildServerIfStale();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
