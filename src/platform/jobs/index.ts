import { CompiledQuery } from 'kysely';
import type pg from 'pg';
import { PgBoss } from 'pg-boss';
import type { z } from 'zod';
import type { Db } from '../db/index.ts';
import { type JobWakeListener, listenForJobs, wakeStatement } from './wake-up.ts';

/**
 * A job is data: a dotted name, a payload schema and how the queue treats it. It is declared once
 * (`defineJob`) and shared by whoever sends it; the handler is bound per app with `handle`, so a
 * definition never holds an app's state.
 */
export interface JobDefinition<P = unknown> {
  readonly name: string;
  readonly payload: z.ZodType<P>;
  readonly retry?: { limit: number; delaySeconds: number; backoff?: boolean };
  /** `key_strict_fifo` runs jobs with the same `key` one at a time, in order, across all workers. */
  readonly policy?: 'standard' | 'singleton' | 'stately' | 'key_strict_fifo';
  /** A running job not finished after this long is presumed dead (process killed) and retried. */
  readonly expireInSeconds?: number;
  /**
   * A running job whose process has not refreshed it for this long (at least 10) is presumed dead and
   * retried, long before `expireInSeconds` for a job that usually takes milliseconds. Whoever runs it
   * (a pg-boss worker, or this process for `runHere`) refreshes it every half of this while it runs.
   */
  readonly heartbeatSeconds?: number;
  /** How many of this job one process runs at once. */
  readonly concurrency?: number;
  /** This job with the handler one app runs it with; the handler must be safe to run twice. */
  handle(run: JobRun<P>): JobHandler;
}

export type JobRun<P> = (payload: P, ctx: JobRunContext) => Promise<void>;

/** A job bound to its handler; `run` parses the stored payload with the job's schema first. */
export interface JobHandler {
  readonly job: JobDefinition;
  run(data: unknown, ctx: JobRunContext): Promise<void>;
}

export interface JobRunContext {
  jobId: string;
  attempt: number;
  signal: AbortSignal;
}

/** A cron schedule for a job, evaluated in `timeZone`. Crons are hints: rules re-check time in SQL. */
export interface ScheduleSpec {
  job: JobDefinition;
  cron: string;
  /** Checked against the job's payload schema when the schedule is registered. */
  payload?: object;
  timeZone?: string;
}

export interface SendOptions {
  /** Deduplicates sends: a second send with the same key while the first is queued is dropped. */
  singletonKey?: string;
  /** Ordering key for `key_strict_fifo` queues. */
  key?: string;
  startAfter?: Date | number;
  /** Sends inside this open transaction (an outbox): the job exists only if the transaction commits. */
  transaction?: Db;
  /**
   * Runs the job in this process right after it is stored (it is committed: not with `transaction`),
   * instead of waiting for a worker to fetch it. The job is claimed in the database exactly as a worker
   * claims it (state `created` → `active`, respecting `key_strict_fifo`), so it runs once whoever gets
   * it first; if this process cannot claim it, or dies while running it, the stored job is the
   * fallback and a worker runs (or retries) it. Ignored when the queue was created with `runHere: false`.
   */
  runHere?: boolean;
}

export const DEAD_LETTER_QUEUE = 'opsdesk.dead-letter';

/** Declares a job; its payload type comes from its schema. */
export function defineJob<P>(data: Omit<JobDefinition<P>, 'handle'>): JobDefinition<P> {
  const job: JobDefinition<P> = {
    ...data,
    handle: (run) => ({ job, run: async (payload, ctx) => run(data.payload.parse(payload), ctx) }),
  };
  return Object.freeze(job);
}

export interface JobQueue {
  register(jobs: ReadonlyArray<JobHandler>, schedules?: ReadonlyArray<ScheduleSpec>): Promise<void>;
  /** Starts pulling jobs in this process (workers only). */
  work(): Promise<void>;
  /** Queues a registered job; the payload is checked by the job's schema first. */
  send<P>(job: JobDefinition<P>, payload: NoInfer<P>, options?: SendOptions): Promise<string | null>;
  retry(name: string, id: string): Promise<void>;
  /** Settles when every job started here by `runHere` has finished (tests; shutdown waits itself). */
  settled(): Promise<void>;
  stop(options?: { graceful?: boolean; timeoutMs?: number }): Promise<void>;
  readonly boss: PgBoss;
}

export interface JobQueueOptions {
  pool: pg.Pool;
  embedded: boolean;
  onError?: (err: Error) => void;
  /** Seconds between polls when idle; small in tests. */
  pollingIntervalSeconds?: number;
  /**
   * Seconds between pg-boss supervision passes (default 30). A pass only looks for expired jobs in
   * the queues whose monitor is due, see `monitorIntervalSeconds`.
   */
  superviseIntervalSeconds?: number;
  /**
   * Seconds between monitor steps per queue (default: the supervise interval). Only the monitor step
   * expires a job whose process died, and pg-boss stamps each step on the queue row in the database:
   * a process killed right after its own step holds the next one off for this long, even for a
   * freshly restarted process. So a killed job is retried up to its expiry plus this interval (plus
   * the retry delay) after it started; keep it at or below the shortest job expiry. pg-boss's own
   * default (60 s) made the crash test's 3 s expiry wait a minute.
   */
  monitorIntervalSeconds?: number;
  /** Days a finished job stays in the queue tables before pg-boss deletes it (default 7). */
  keepFinishedDays?: number;
  /** Whether `send(…, { runHere: true })` runs jobs in this process (default true). */
  runHere?: boolean;
  /** At most this many jobs run here at once; beyond it they are left to the workers (default 16). */
  runHereLimit?: number;
  /** Seconds between heartbeats of a job run here (default: half its `heartbeatSeconds`; small in tests). */
  heartbeatRefreshSeconds?: number;
}

/**
 * Durable jobs on pg-boss, through the one shared pool (on PGlite too: a second access path
 * would run inside other transactions, see STACK.md). Failed jobs retry with backoff, then
 * land in one dead-letter queue where staff can see and replay them.
 */
export async function createJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const superviseIntervalSeconds = options.superviseIntervalSeconds ?? 30;
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => options.pool.query(text, values as unknown[]) },
    ...(options.embedded ? { backend: 'pglite' as const } : {}),
    schema: 'pgboss',
    superviseIntervalSeconds,
    monitorIntervalSeconds: options.monitorIntervalSeconds ?? superviseIntervalSeconds,
  });
  boss.on('error', (err: Error) => options.onError?.(err));
  await boss.start();
  await boss.createQueue(DEAD_LETTER_QUEUE, { retentionSeconds: 60 * 60 * 24 * 30 });
  await boss.getJobById(DEAD_LETTER_QUEUE, '00000000-0000-0000-0000-000000000000'); // into the queue cache, see register()

  const handlers = new Map<string, JobHandler>();
  const schedules: ScheduleSpec[] = [];
  let working = false;
  let listener: JobWakeListener | undefined;
  /** Per queue, this process's workers (one per unit of `concurrency`) and whose turn it is to wake. */
  const localWorkers = new Map<string, { ids: string[]; next: number }>();
  /**
   * A job sent from this process wakes one of this process's workers for its queue at once, instead
   * of waiting out the polling interval (chat replies would otherwise lag by seconds). pg-boss's
   * `work` returns only the first of its `localConcurrency` workers and `notifyWorker` wakes only the
   * one named, so the others only ever polled: a job's concurrency did nothing for woken jobs. Each
   * wake-up goes to the next worker in turn (a busy one fetches again as soon as it is done). A job
   * sent inside a transaction is invisible until commit, so a worker is woken again shortly after.
   */
  const wakeLocalWorker = (name: string, inTransaction: boolean) => {
    const workers = localWorkers.get(name);
    if (!workers) return;
    const wake = () => {
      boss.notifyWorker(workers.ids[workers.next]!);
      workers.next = (workers.next + 1) % workers.ids.length;
    };
    wake();
    if (inTransaction) for (const ms of [20, 100, 400]) setTimeout(wake, ms).unref();
  };

  /** Jobs being run in this process by `send(…, { runHere: true })`. */
  const runningHere = new Set<Promise<void>>();
  let stopping = false;
  const runHereLimit = options.runHereLimit ?? 16;

  /**
   * Claims job `id` as pg-boss's fetch would (one statement; a job a worker took already, or one whose
   * `key_strict_fifo` key is busy, is not claimed), runs its handler, and completes or fails it fenced
   * to this attempt like a worker. Returns false when the job was not claimed.
   */
  const claimAndRun = async (handler: JobHandler, id: string): Promise<boolean> => {
    const name = handler.job.name;
    let claimed: { data: unknown; retry_count: number } | undefined;
    try {
      const { rows } = await options.pool.query<{ data: unknown; retry_count: number }>(CLAIM_ONE, [
        name,
        id,
      ]);
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
      await boss.fail(name, attempt, failureOf(err));
      const dueMs = latestRetryDelayMs(handler.job, claimed.retry_count);
      if (dueMs !== undefined) setTimeout(() => wakeLocalWorker(name, false), dueMs + 50).unref();
      return true;
    }
    stopHeartbeat(heartbeat);
    await boss.complete(name, attempt);
    // The key's next job (if one waits) is now free: the workers look at once.
    if (!options.embedded) await announce(name, undefined);
    wakeLocalWorker(name, false);
    return true;
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
    const everyMs = (options.heartbeatRefreshSeconds ?? job.heartbeatSeconds / 2) * 1000;
    const timer = setInterval(() => {
      boss
        .touch(job.name, [attempt])
        .then((response) => {
          // pg-boss's declared response type is empty; at run time it lists the ids it refreshed.
          const refreshed = (response as { settled?: string[] }).settled;
          if (refreshed && !refreshed.includes(attempt.id))
            controller.abort(new Error(`job ${attempt.id} is no longer claimed by this process`));
        })
        .catch((err) => options.onError?.(err as Error));
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
    if (stopping || runningHere.size >= runHereLimit) return false;
    const run: Promise<void> = claimAndRun(handler, id)
      .then(async (ran) => {
        // Not claimable here (a worker has it, or its key is busy): make sure a worker looks.
        if (!ran && !options.embedded) await announce(handler.job.name, undefined);
        if (!ran) wakeLocalWorker(handler.job.name, false);
      })
      .catch((err) => options.onError?.(err as Error))
      .finally(() => runningHere.delete(run));
    runningHere.add(run);
    return true;
  };

  /** NOTIFY the other processes; inside a transaction it is delivered at commit, when the job is visible. */
  const announce = async (name: string, transaction: Db | undefined) => {
    const { text, values } = wakeStatement(name);
    if (transaction) await transaction.executeQuery(CompiledQuery.raw(text, [...values]));
    else await options.pool.query(text, [...values]);
  };

  const queue: JobQueue = {
    boss,
    async register(jobs, scheduleSpecs = []) {
      for (const handler of jobs) {
        const spec = handler.job;
        if (handlers.has(spec.name)) throw new Error(`job ${spec.name} is registered twice`);
        handlers.set(spec.name, handler);
        const retry = retryOf(spec);
        const queueOptions = {
          policy: spec.policy ?? 'standard',
          retryLimit: retry.limit,
          retryDelay: retry.delaySeconds,
          retryBackoff: retry.backoff,
          expireInSeconds: spec.expireInSeconds ?? 5 * 60,
          ...(spec.heartbeatSeconds ? { heartbeatSeconds: spec.heartbeatSeconds } : {}),
          deadLetter: DEAD_LETTER_QUEUE,
          // retention of finished jobs: pg-boss's maintenance deletes them this long after they finished
          deleteAfterSeconds: (options.keepFinishedDays ?? 7) * 24 * 60 * 60,
        };
        const existing = await boss.getQueue(spec.name);
        if (!existing) await boss.createQueue(spec.name, queueOptions);
        else {
          // A queue's policy is fixed at creation (pg-boss refuses to change it); the rest follows the spec.
          const { policy, ...changeable } = queueOptions;
          if (existing.policy !== policy)
            throw new Error(
              `job ${spec.name} changed policy ${existing.policy} → ${policy}; use a new job name`,
            );
          await boss.updateQueue(spec.name, changeable);
        }
        // pg-boss caches the queue list at start. A queue created later would be looked up on the pool at
        // its first send; inside a transaction on PGlite (one connection) that lookup would wait forever.
        await boss.getJobById(spec.name, '00000000-0000-0000-0000-000000000000');
      }
      for (const s of scheduleSpecs) {
        if (handlers.get(s.job.name)?.job !== s.job)
          throw new Error(`schedule of unregistered job ${s.job.name}`);
        s.job.payload.parse(s.payload ?? {});
        schedules.push(s);
      }
    },
    async work() {
      if (working) return;
      working = true;
      // Other processes' sends wake this worker at once (PostgreSQL only; PGlite is one process).
      if (!options.embedded)
        listener = await listenForJobs(
          options.pool,
          (name) => {
            for (const queueName of name ? [name] : localWorkers.keys()) wakeLocalWorker(queueName, false);
          },
          (err) => options.onError?.(err),
        );
      for (const { job: spec, run } of handlers.values()) {
        const workerId = await boss.work(
          spec.name,
          {
            batchSize: 1,
            localConcurrency: spec.concurrency ?? 1,
            pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
          },
          async ([job]) => {
            if (!job) return;
            try {
              await run(job.data, { jobId: job.id, attempt: job.retryCount + 1, signal: job.signal });
            } catch (err) {
              // The retry comes due after its backoff, and the worker would see it only at its next
              // poll (2 s by default): wake it when the latest possible due time has passed.
              const dueMs = latestRetryDelayMs(spec, job.retryCount);
              if (dueMs !== undefined)
                setTimeout(() => wakeLocalWorker(spec.name, false), dueMs + 50).unref();
              throw err;
            } finally {
              // A finished job may unblock the next one of its key (key_strict_fifo): look again now
              // instead of after the polling interval.
              setImmediate(() => wakeLocalWorker(spec.name, false));
            }
          },
        );
        const ids = boss
          .getWipData()
          .filter((w) => w.name === spec.name)
          .map((w) => w.id);
        localWorkers.set(spec.name, { ids: ids.length ? ids : [workerId], next: 0 });
      }
      for (const s of schedules) {
        await boss.schedule(s.job.name, s.cron, s.payload ?? {}, { tz: s.timeZone ?? 'UTC' });
      }
    },
    async send(spec, payload, sendOptions = {}) {
      // Its queue exists only once registered; a job of another app or a disabled area would fail later.
      if (handlers.get(spec.name)?.job !== spec) throw new Error(`job ${spec.name} is not registered`);
      const data = spec.payload.parse(payload) as object;
      const id = await boss.send(spec.name, data, {
        singletonKey: sendOptions.singletonKey ?? sendOptions.key,
        ...(sendOptions.startAfter !== undefined ? { startAfter: toStartAfter(sendOptions.startAfter) } : {}),
        ...(sendOptions.transaction ? { db: throughKysely(sendOptions.transaction) } : {}),
      });
      const here =
        sendOptions.runHere === true &&
        options.runHere !== false &&
        id !== null &&
        sendOptions.transaction === undefined &&
        sendOptions.startAfter === undefined;
      if (here && runHere(handlers.get(spec.name)!, id)) return id;
      if (sendOptions.startAfter === undefined) {
        if (!options.embedded) await announce(spec.name, sendOptions.transaction);
        wakeLocalWorker(spec.name, sendOptions.transaction !== undefined);
      }
      return id;
    },
    async retry(name, id) {
      if (name === DEAD_LETTER_QUEUE) {
        await redriveOne(boss, options.pool, id);
        return;
      }
      await boss.retry(name, id);
    },
    async settled() {
      while (runningHere.size) await Promise.allSettled([...runningHere]);
    },
    async stop({ graceful = true, timeoutMs = 30_000 } = {}) {
      stopping = true;
      // Jobs run here finish first (each is also a stored job: one cut short is retried by a worker).
      if (graceful)
        await Promise.race([queue.settled(), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
      // What is still running here is abandoned: its claim goes stale as if the process had died.
      for (const timer of heartbeats) stopHeartbeat(timer);
      await listener?.close();
      listener = undefined;
      await boss.stop({ graceful, timeout: timeoutMs, close: false });
    },
  };
  return queue;
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
  returning j.data, j.retry_count`;

/** What pg-boss stores as a failed attempt's output, as its worker does. */
function failureOf(err: unknown): object {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { value: String(err) };
}

function retryOf(spec: Pick<JobDefinition<unknown>, 'retry'>) {
  return {
    limit: spec.retry?.limit ?? 5,
    delaySeconds: spec.retry?.delaySeconds ?? 5,
    backoff: spec.retry?.backoff ?? true,
  };
}

/**
 * The longest pg-boss waits before retrying a job that failed after `retryCount` retries, or
 * undefined when none is left. Backoff waits between half and all of delay × 2^(retries + 1), see
 * `failJobsBody` in pg-boss's plans.js.
 */
function latestRetryDelayMs(
  spec: Pick<JobDefinition<unknown>, 'retry'>,
  retryCount: number,
): number | undefined {
  const { limit, delaySeconds, backoff } = retryOf(spec);
  if (retryCount >= limit) return undefined;
  const seconds = backoff ? Math.max(delaySeconds, 1) * 2 ** Math.min(16, retryCount + 1) : delaySeconds;
  return seconds * 1000;
}

/** pg-boss statements run on the connection of a Kysely transaction. */
function throughKysely(db: Db) {
  return {
    executeSql: async (text: string, values: unknown[] = []) =>
      db.executeQuery(CompiledQuery.raw(text, values)),
  };
}

function toStartAfter(value: Date | number): Date | number {
  return value instanceof Date ? value : Math.max(0, Math.round(value));
}

/**
 * Sends a dead-lettered job back to the queue it failed on as a fresh job with full retries.
 * Send first, then delete: a crash in between leaves a duplicate, which handlers tolerate.
 */
async function redriveOne(boss: PgBoss, pool: pg.Pool, id: string): Promise<void> {
  const { rows } = await pool.query<{ source_name: string | null; data: object }>(
    'select source_name, data from pgboss.job where name = $1 and id = $2',
    [DEAD_LETTER_QUEUE, id],
  );
  const row = rows[0];
  if (!row?.source_name) throw new Error(`no dead-lettered job ${id}`);
  await boss.send(row.source_name, row.data);
  await boss.deleteJob(DEAD_LETTER_QUEUE, id);
}
