import type pg from 'pg';
import type { PgBoss } from 'pg-boss';
import type { JobDefinition, JobHandler } from './job-definition.ts';
import { failureOf, latestRetryDelayMs } from './job-retries.ts';

export interface RunHereDeps {
  boss: PgBoss;
  pool: pg.Pool;
  /** At most this many jobs run here at once; beyond it they are left to the workers. */
  limit: number;
  /** Seconds between heartbeats of a job run here (default: half its `heartbeatSeconds`). */
  heartbeatRefreshSeconds?: number;
  onError?: (err: Error) => void;
  /** Wakes one of this process's workers for the queue. */
  wakeLocalWorker(name: string, inTransaction: boolean): void;
  /** Tells the other processes' workers to look at the queue (nothing to tell on PGlite). */
  announce(name: string): Promise<void>;
}

/** The jobs a queue runs in the process that sent them (`send(…, { runHere: true })`). */
export interface RunHere {
  /** Starts running job `id` here in the background; false when stopping or at the limit. */
  start(handler: JobHandler, id: string): boolean;
  /** Settles when every job started here has finished. */
  settled(): Promise<void>;
  /** Takes no new job from now on. */
  stopTaking(): void;
  /** Stops the heartbeats of what still runs: its claim goes stale as if the process had died. */
  abandon(): void;
}

/**
 * Runs a stored job in this process right after it is sent, claimed in the database exactly as a
 * pg-boss worker claims it, so it runs once whoever gets it first; the stored job stays the fallback.
 */
export function createRunHere(deps: RunHereDeps): RunHere {
  /** Jobs being run in this process by `send(…, { runHere: true })`. */
  const runningHere = new Set<Promise<void>>();
  let stopping = false;

  /**
   * Claims job `id` as pg-boss's fetch would (one statement; a job a worker took already, or one whose
   * `key_strict_fifo` key is busy, is not claimed), runs its handler, and completes or fails it fenced
   * to this attempt like a worker. Returns false when the job was not claimed.
   */
  const claimAndRun = async (handler: JobHandler, id: string): Promise<boolean> => {
    const name = handler.job.name;
    let claimed: { data: unknown; retry_count: number; fifo_key: string | null } | undefined;
    try {
      const { rows } = await deps.pool.query<{ data: unknown; retry_count: number; fifo_key: string | null }>(
        CLAIM_ONE,
        [name, id],
      );
      claimed = rows[0];
    } catch (err) {
      // 23505: another job of the same key became active in between (job_i8); the workers take it later.
      if ((err as { code?: string }).code !== '23505') throw err;
    }
    if (!claimed) return false;
    const attempt = { id, retryCount: claimed.retry_count };
    const controller = new AbortController();
    const heartbeat = keepClaimed(handler.job, attempt, controller);
    try {
      await handler.run(claimed.data, {
        jobId: id,
        attempt: claimed.retry_count + 1,
        signal: controller.signal,
      });
    } catch (err) {
      stopHeartbeat(heartbeat);
      await deps.boss.fail(name, attempt, failureOf(err));
      const dueMs = latestRetryDelayMs(handler.job, claimed.retry_count);
      if (dueMs !== undefined) setTimeout(() => deps.wakeLocalWorker(name, false), dueMs + 50).unref();
      return true;
    }
    stopHeartbeat(heartbeat);
    await deps.boss.complete(name, attempt);
    // The key's next job (if one waits) is now free: the workers look at once. A strict-FIFO key with
    // nothing waiting wakes nobody (issue 29: each wake-up cost a NOTIFY and a fetch per process); a job
    // of that key sent from now on finds it free and is claimed where it was sent, and one sent before
    // is committed already, so this look sees it.
    if (claimed.fifo_key !== null && !(await keyHasNext(name, claimed.fifo_key))) return true;
    await deps.announce(name);
    deps.wakeLocalWorker(name, false);
    return true;
  };

  const keyHasNext = async (name: string, key: string): Promise<boolean> => {
    const { rows } = await deps.pool.query(KEY_HAS_NEXT, [name, key]);
    return rows.length > 0;
  };

  /** Heartbeats of the jobs running here; a process that dies takes them with it, and so does `stop`. */
  const heartbeats = new Set<NodeJS.Timeout>();

  /**
   * While a job claimed here runs, refreshes its claim as a pg-boss worker does for a queue with
   * `heartbeatSeconds`, so that a process killed mid-job leaves a claim that goes stale within that
   * time and a worker retries it (instead of after `expireInSeconds`). A refresh that finds the claim
   * gone (the job was failed by the monitor meanwhile) aborts the handler's signal.
   */
  const keepClaimed = (
    job: JobDefinition,
    attempt: { id: string; retryCount: number },
    controller: AbortController,
  ): NodeJS.Timeout | undefined => {
    if (!job.heartbeatSeconds) return undefined;
    const everyMs = (deps.heartbeatRefreshSeconds ?? job.heartbeatSeconds / 2) * 1000;
    const timer = setInterval(() => {
      deps.boss
        .touch(job.name, [attempt])
        .then((response) => {
          // pg-boss's declared response type is empty; at run time it lists the ids it refreshed.
          const refreshed = (response as { settled?: string[] }).settled;
          if (refreshed && !refreshed.includes(attempt.id))
            controller.abort(new Error(`job ${attempt.id} is no longer claimed by this process`));
        })
        .catch((err) => deps.onError?.(err as Error));
    }, everyMs);
    timer.unref();
    heartbeats.add(timer);
    return timer;
  };
  const stopHeartbeat = (timer: NodeJS.Timeout | undefined) => {
    if (!timer) return;
    clearInterval(timer);
    heartbeats.delete(timer);
  };

  /** Starts `claimAndRun` in the background; false when this process is stopping or at its limit. */
  const runHere = (handler: JobHandler, id: string): boolean => {
    if (stopping || runningHere.size >= deps.limit) return false;
    const run: Promise<void> = claimAndRun(handler, id)
      .then(async (ran) => {
        // Not claimable here (a worker has it, or its key is busy): make sure a worker looks.
        if (ran) return;
        await deps.announce(handler.job.name);
        deps.wakeLocalWorker(handler.job.name, false);
      })
      .catch((err) => deps.onError?.(err as Error))
      .finally(() => runningHere.delete(run));
    runningHere.add(run);
    return true;
  };

  return {
    start: runHere,
    async settled() {
      while (runningHere.size) await Promise.allSettled([...runningHere]);
    },
    stopTaking() {
      stopping = true;
    },
    abandon() {
      for (const timer of heartbeats) stopHeartbeat(timer);
    },
  };
}

/**
 * pg-boss's fetch (plans.js `fetchNextJob`) narrowed to one job id: only a `created` job that is due
 * and not blocked, and on a `key_strict_fifo` queue only when it is its key's head: no other job of
 * its key active, retrying or failed (the unique index job_i8 enforces that under a race), and none
 * created before it (that one goes first, through a worker).
 */
const CLAIM_ONE = `
  update pgboss.job j set
    state = 'active',
    started_on = pgboss.job_now(),
    heartbeat_on = pgboss.job_now(),
    retry_count = case when started_on is not null then retry_count + 1 else retry_count end
  where j.name = $1 and j.id = $2 and j.state = 'created' and not j.blocked
    and j.start_after <= pgboss.job_now()
    and (j.policy is distinct from 'key_strict_fifo' or (
      not exists (
        select 1 from pgboss.job b
        where b.name = j.name and b.singleton_key = j.singleton_key and b.id <> j.id
          and b.state in ('active', 'retry', 'failed') and b.policy = 'key_strict_fifo')
      -- the predicates of the partial indexes job_i8 (above) and job_i10 (below), so neither
      -- check reads the key's completed jobs
      and not exists (
        select 1 from pgboss.job b
        where b.name = j.name and b.singleton_key = j.singleton_key and b.id <> j.id
          and b.state < 'active' and not b.blocked and b.policy = 'key_strict_fifo'
          and (b.created_on, b.id) < (j.created_on, j.id))))
  returning j.data, j.retry_count,
    case when j.policy = 'key_strict_fifo' then j.singleton_key end as fifo_key`;

/** Whether a strict-FIFO key has a job waiting its turn (the predicate of job_i10, as above). */
const KEY_HAS_NEXT = `
  select 1 from pgboss.job b
  where b.name = $1 and b.singleton_key = $2 and b.state < 'active' and not b.blocked
    and b.policy = 'key_strict_fifo'
  limit 1`;
