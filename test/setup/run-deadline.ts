import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { TestModule, TestProject } from 'vitest/node';

/**
 * How long one `vitest run` may take before it is a hang. A whole `npm test` took 23–27 minutes on an
 * idle 2-core machine (issue 67; its goal is 10), and once a browser file ran on for 38 minutes
 * without an end while nothing reported it. Each test and hook has its own timeout; these catch what
 * they miss (a worker stuck outside any test, a teardown that never returns). 50, not 40, since CI's
 * `npm test` took 2,291 s of 2,400: a deadline meant for hangs must not fail a run that is only slow
 * (issue 79 makes it shorter), and CI's own bound (90 minutes for every step) holds with 50.
 */
export const RUN_DEADLINE_MINUTES = 50;
/**
 * How long one file may run: the slowest took 4.4 minutes under a load of 30 on 2 cores. Past the
 * browser files' own bound (`browser-file-deadline.ts`, 15 minutes, which fails the file's tests and
 * lets the run go on), so this one stops only what that could not.
 */
export const FILE_DEADLINE_MINUTES = 20;
const LOOK_EVERY_MS = 10_000;

/**
 * The deadlines of the run and of each of its files, set by the root config (Vitest runs its global
 * setup once per run, after the projects' own: the template database and the builds). Past one, the
 * run fails loudly: it names the files still running, kills every process the run started and exits
 * with 1. Not in watch mode, where the process lives as long as its developer wants.
 */
export default function setup(project: TestProject): () => void {
  const { vitest } = project;
  if (vitest.config.watch) return () => {};
  const started = Date.now();
  /** When each file was first seen running, by project and path. */
  const runningSince = new Map<string, number>();
  const timer = setInterval(() => {
    const now = Date.now();
    const running = vitest.state.getTestModules().filter((module) => module.state() === 'pending');
    const seen = new Set(running.map(fileKey));
    for (const key of runningSince.keys()) if (!seen.has(key)) runningSince.delete(key);
    for (const key of seen) if (!runningSince.has(key)) runningSince.set(key, now);
    const late = running.filter((m) => now - runningSince.get(fileKey(m))! > FILE_DEADLINE_MINUTES * 60_000);
    if (now - started > RUN_DEADLINE_MINUTES * 60_000)
      failRun(`The test run passed its deadline of ${RUN_DEADLINE_MINUTES} minutes`, running);
    else if (late.length > 0) failRun(`A test file ran for more than ${FILE_DEADLINE_MINUTES} minutes`, late);
  }, LOOK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

const fileKey = (module: TestModule) => `${module.project.name}: ${module.relativeModuleId}`;

function failRun(what: string, files: TestModule[]): void {
  const names = files.map((module) => `  ${fileKey(module)}`).join('\n') || '  (no test file)';
  console.error(`\n${what} (test/setup/run-deadline.ts); the run is stopped as failed. Running:\n${names}\n`);
  // Vitest's own close waits for a hung worker, then exits and leaves it running with the servers and
  // browsers its files started (tried): everything this run started goes with it.
  for (const pid of descendantsOf(process.pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // It ended on its own meanwhile.
    }
  }
  process.exit(1);
}

/** Every process below `root`, each before its parent; none where there is no /proc (Linux only). */
function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of existsSync('/proc') ? readdirSync('/proc') : []) {
    const ppid = /^\d+$/.test(name) ? parentOf(name) : undefined;
    if (ppid !== undefined) children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
  }
  const below = (pid: number): number[] =>
    (children.get(pid) ?? []).flatMap((child) => [...below(child), child]);
  return below(root);
}

function parentOf(pid: string): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (command) state ppid …": the command may hold spaces and parentheses.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined; // It ended between the listing and the read.
  }
}
