import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from '../support/eventually.ts';

/**
 * The processes of a pg_auto_failover keeper, found through /proc: its services, its postgres and the
 * postgres backends. A keeper runs in a process group of its own, but PostgreSQL's backends leave their
 * postmaster's group (each calls setsid), so a group signal would miss them: they are found by parentage.
 */

/** SIGTERM (pg_autoctl stops its postgres with a fast shutdown), then SIGKILL of the whole tree if it has not ended in 20 s. */
export async function stopKeeper(keeper: ChildProcess): Promise<void> {
  if (keeper.exitCode !== null || keeper.signalCode !== null || !keeper.pid) return;
  const exited = new Promise((resolve) => keeper.once('exit', resolve));
  const tree = descendants(keeper.pid);
  keeper.kill('SIGTERM');
  const timer = setTimeout(() => killTree(keeper.pid!), 20_000);
  await exited;
  clearTimeout(timer);
  await eventually(() => tree.every((pid) => !alive(pid)), {
    what: "a keeper's processes to end",
    timeoutMs: 25_000,
  });
}

/** SIGKILLs a process and all its descendants, frozen first so that none forks past the kill; returns their pids. */
export function killTree(root: number): number[] {
  const tree = stopTree(root);
  for (const pid of tree) signal(pid, 'SIGKILL');
  return tree;
}

/**
 * Freezes a process and all its descendants with SIGSTOP, again until no new one appears (a postmaster
 * forks backends while it is being frozen), and returns them all, ready for one SIGKILL each.
 */
function stopTree(root: number): number[] {
  const stopped = new Set<number>();
  for (;;) {
    const fresh = [root, ...descendants(root)].filter((pid) => !stopped.has(pid));
    if (!fresh.length) return [...stopped];
    for (const pid of fresh) {
      signal(pid, 'SIGSTOP');
      stopped.add(pid);
    }
  }
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(Number(entry));
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** The parent pid from /proc/<pid>/stat (its name, in parentheses, may hold spaces: read after the last ')'). */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** Running or stopped; a zombie (killed, not yet reaped) is gone. */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/** The postmaster still running on `pgdata` (its pid file names it, and its command line names the folder). */
export function postmasterPid(pgdata: string): number | undefined {
  if (!pgdata) return undefined;
  try {
    const pid = Number(readFileSync(join(pgdata, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return pid > 0 && alive(pid) && command.includes(pgdata) ? pid : undefined;
  } catch {
    return undefined;
  }
}
