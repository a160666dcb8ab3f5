import type { PgBoss } from 'pg-boss';
import { isDatabaseUnreachable } from '../errors/index.ts';

/** How long a finished job is remembered, in case its settling did not reach the database. */
const REMEMBER_MS = 10 * 60_000;
/** How many finished jobs are remembered at most (the oldest go first). */
const REMEMBER_AT_MOST = 2_000;

type Outcome = { output: unknown } | { error: unknown };
interface Finished {
  readonly name: string;
  readonly id: string;
  readonly outcome: Outcome;
  readonly at: number;
}

/**
 * The settling of jobs a database outage cut off. A job whose handler finished while no server took
 * writes (a failover) could not be completed or failed: pg-boss's attempts failed too, and the row
 * stayed `active` until its expiry (up to an hour for some jobs) before anyone ran it again. This
 * remembers each job's outcome for a while; once an outage is reported, it settles again every job
 * that finished since the outage began, every `everyMs` until the database takes it. `complete` and
 * `fail` only move a job that is still `active`, so a job pg-boss did settle is left as it is.
 */
export function createSettleAgain(boss: PgBoss, options: { everyMs?: number; now?: () => number } = {}) {
  const everyMs = options.everyMs ?? 2_000;
  const now = options.now ?? (() => performance.now());
  const finished: Finished[] = [];
  let outageSince: number | undefined;
  let timer: NodeJS.Timeout | undefined;

  const settle = async () => {
    const since = outageSince ?? now();
    for (const job of finished.filter((f) => f.at >= since)) {
      if ('output' in job.outcome) await boss.complete(job.name, job.id, job.outcome.output as object);
      else await boss.fail(job.name, job.id, job.outcome.error as object);
    }
  };

  const tryAgain = () => {
    timer = setTimeout(() => {
      settle().then(() => {
        outageSince = undefined;
        timer = undefined;
      }, tryAgain);
    }, everyMs);
    timer.unref();
  };

  return {
    /** A job's handler finished: with its output, or with the error it threw. */
    finished(name: string, id: string, outcome: Outcome): void {
      const at = now();
      finished.push({ name, id, outcome, at });
      while (finished.length > REMEMBER_AT_MOST || (finished[0] && finished[0].at < at - REMEMBER_MS))
        finished.shift();
    },
    /** pg-boss reported an error: an unreachable database starts (or extends) an outage. */
    reported(err: unknown): void {
      if (!isDatabaseUnreachable(err)) return;
      // A job's settling fails right after its handler returns; the failure may show a moment later.
      outageSince ??= now() - everyMs;
      if (!timer) tryAgain();
    },
    stop(): void {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
