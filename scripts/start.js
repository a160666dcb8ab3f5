// @ts-check
// `npm start`: builds what is stale (the browser apps, the server's dist/) in a child process, then runs the compiled
// server in this same process, as `opsdesk start --demo` with any further arguments. Plain JavaScript
// run by node itself: neither the check nor the server loads TypeScript (that was a third of a start).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { webAppsStale } from './build-console-if-stale.js';
import { serverIsStale } from './build-server.js';
import { unsupportedNodeNote } from './node-version.js';

const CLI = fileURLToPath(new URL('../dist/src/app/cli.js', import.meta.url));

const { engines } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const versionNote = unsupportedNodeNote(process.version, engines.node);
if (versionNote) console.warn(versionNote);

// What is stale is built in a process of its own: Vite's memory (about 600 MB for the console) stayed
// with the server, which runs in this one, for good (1 GB resident after a first start, against
// about 400 MB after a start with nothing to build). A warm start finds nothing stale and spawns nothing.
if (webAppsStale() || serverIsStale()) {
  const build = spawnSync(
    process.execPath,
    [fileURLToPath(new URL('./build-if-stale.js', import.meta.url))],
    {
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// Node 22.1+ keeps compiled code between starts (Node 20 has no such cache: nothing to do there).
/** @type {{ enableCompileCache?: () => unknown }} */ (module).enableCompileCache?.();
process.argv = [process.argv[0] ?? process.execPath, CLI, 'start', '--demo', ...process.argv.slice(2)];
await import(pathToFileURL(CLI).href);
