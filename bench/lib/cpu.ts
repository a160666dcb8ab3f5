import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux builds that matter here). */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  ppid: number;
  /** User + system CPU of the process itself, ms. */
  ownMs: number;
  /** User + system CPU of its children that have exited and been waited for, ms. */
  reapedMs: number;
}

function procStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: split after its closing parenthesis.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const tick = (i: number) => (Number(fields[i]) * 1000) / TICKS_PER_SECOND;
    return { ppid: Number(fields[1]), ownMs: tick(11) + tick(12), reapedMs: tick(13) + tick(14) };
  } catch {
    return undefined; // exited
  }
}

/** CPU time (ms) the given processes have used so far. */
export function cpuMsOf(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + (procStat(pid)?.ownMs ?? 0), 0);
}

/**
 * CPU time (ms) a PostgreSQL server has used so far: the postmaster, its live backends and helpers,
 * and those that have exited. `backendPid` is any backend's `pg_backend_pid()`.
 */
export function postgresCpuMs(backendPid: number): number {
  const postmaster = procStat(backendPid)?.ppid;
  if (!postmaster) return 0;
  const own = procStat(postmaster)!;
  let total = own.ownMs + own.reapedMs;
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!pid) continue;
    const s = procStat(pid);
    if (s?.ppid === postmaster) total += s.ownMs;
  }
  return total;
}

/** This process's own CPU time so far (the load generator and the stand-ins it hosts), ms. */
export const selfCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
