// @ts-check
// `npm start`: builds what is stale (the browser apps, the server's dist/), then runs the compiled
// server in this same process, as `opsdesk start --demo` with any further arguments. Plain JavaScript
// run by node itself: neither the check nor the server loads TypeScript (that was a third of a start).
import { readFileSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildConsoleIfStale } from './build-console-if-stale.js';
import { buildServerIfStale } from './build-server.js';
import { unsupportedNodeNote } from './node-version.js';

const CLI = fileURLToPath(new URL('../dist/src/app/cli.js', import.meta.url));

const { engines } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const versionNote = unsupportedNodeNote(process.version, engines.node);
if (versionNote) console.warn(versionNote);

try {
  await buildConsoleIfStale();
  await buildServerIfStale();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
// Node 22.1+ keeps compiled code between starts (Node 20 has no such cache: nothing to do there).
/** @type {{ enableCompileCache?: () => unknown }} */ (module).enableCompileCache?.();
process.argv = [process.argv[0] ?? process.execPath, CLI, 'start', '--demo', ...process.argv.slice(2)];
await import(pathToFileURL(CLI).href);
