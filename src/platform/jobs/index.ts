import { CompiledQuery } from 'kysely';
import type pg from 'pg';
import { PgBoss } from 'pg-boss';
import type { Db } from '../db/index.ts';
import {
  DEAD_LETTER_QUEUE,
  type JobDefinition,
  type JobHandler,
  type JobLoop,
  type JobOutcome,
  type JobQueue,
  type ScheduleSpec,
} from './job-definition.ts';
import { createLocalWorkers } from './local-workers.ts';
import { ensureDeadLetterQueue, ensureQueue, redriveOne } from './queues.ts';
import { createRunNow } from './run-now.ts';
import { createSettleAgain } from './settle-again.ts';
import { type JobWakeListener, listenForJobs, wakeStatement } from './wake-up.ts';

export {
  DEAD_LETTER_QUEUE,
  defineJob,
  type JobDefinition,
  type JobFailure,
  type JobHandler,
  type JobLoop,
  type JobOutcome,
  type JobQueue,
  type JobRun,
  type JobRunContext,
  type ScheduleSpec,
  type SendOptions,
  workFailed,
} from './job-definition.ts';

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
  /** Whether `runNow` runs jobs in this process (default true); false stores them for the workers. */
  runHere?: boolean;
}

/**
 * Durable jobs on pg-boss, through the one shared pool (on PGlite too: a second access path
 * would run inside other transactions, see STACK.md). Failed jobs retry with backoff, then
 * land in one dead-letter queue where staff can see and replay them.
 */
export async function createJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const superviseIntervalSeconds = options.superviseIntervalSeconds ?? 30;
  const connection = {
    db: { executeSql: (text: string, values?: unknown[]) => options.pool.query(text, values as unknown[]) },
    ...(options.embedded ? { backend: 'pglite' as const } : {}),
    schema: 'pgboss',
  };
  const boss = new PgBoss({
    ...connection,
    // Cron is the timekeeper's, started by `work()`, see there.
    schedule: false,
    superviseIntervalSeconds,
    monitorIntervalSeconds: options.monitorIntervalSeconds ?? superviseIntervalSeconds,
  });
  const settleAgain = createSettleAgain(boss);
  boss.on('error', (err: Error) => {
    settleAgain.reported(err);
    options.onError?.(err);
  });
  await boss.start();
  let timekeeper: PgBoss | undefined;
  // The queues as the last start left them: one read, so a start with unchanged jobs writes nothing.
  const stored = new Map((await boss.getQueues()).map((q) => [q.name, q]));
  await ensureDeadLetterQueue(boss, stored);

  const handlers = new Map<string, JobHandler>();
  const schedules: ScheduleSpec[] = [];
  const loops = new Map<string, JobLoop>();
  let loopsStarted = false;
  /** Wakes this process's loop of `name` (every loop: a LISTEN connection was lost meanwhile). */
  const wakeLoops = (name: string | undefined) => {
    if (!loopsStarted) return;
    for (const loop of name === undefined ? loops.values() : [loops.get(name)])
      if (loop) setImmediate(() => loop.wake());
  };
  let working = false;
  let listener: JobWakeListener | undefined;
  const local = createLocalWorkers(boss, options.pollingIntervalSeconds ?? 2, settleAgain);

  /** NOTIFY the other processes; inside a transaction it is delivered at commit, when the job is visible. */
  const announce = async (name: string, transaction: Db | undefined) => {
    const { text, values } = wakeStatement(name);
    if (transaction) await transaction.executeQuery(CompiledQuery.raw(text, [...values]));
    else await options.pool.query(text, [...values]);
  };

  /**
   * Stores a job run here (`runNow`) whose work failed as a finished job with that outcome, so the
   * jobs screen shows it as it shows a worker's. Sent and completed in one transaction: no worker
   * ever sees it waiting.
   */
  const storeFinished = async (spec: JobDefinition, data: unknown, key: string, outcome: JobOutcome) => {
    const client = await options.pool.connect();
    const db = { executeSql: (text: string, values?: unknown[]) => client.query(text, values as unknown[]) };
    try {
      await client.query('begin');
      const id = await boss.send(spec.name, data as object, { singletonKey: key, db });
      if (id) await boss.complete(spec.name, id, outcome, { db, includeQueued: true });
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  };

  const now = createRunNow({
    store: (handler, data, key) => queue.send(handler.job, data, { key }),
    storeFinished: (handler, data, key, outcome) => storeFinished(handler.job, data, key, outcome),
    onError: options.onError,
  });

  const queue: JobQueue = {
    boss,
    async register(jobs, scheduleSpecs = [], loopSpecs = []) {
      for (const loop of loopSpecs) {
        if (loops.has(loop.name) || handlers.has(loop.name))
          throw new Error(`job loop ${loop.name} is registered twice`);
        loops.set(loop.name, loop);
      }
      for (const handler of jobs) {
        const spec = handler.job;
        if (handlers.has(spec.name)) throw new Error(`job ${spec.name} is registered twice`);
        handlers.set(spec.name, handler);
        await ensureQueue(boss, stored, spec, options.keepFinishedDays);
      }
      for (const s of scheduleSpecs) {
        if (handlers.get(s.job.name)?.job !== s.job)
          throw new Error(`schedule of unregistered job ${s.job.name}`);
        s.job.payload.parse(s.payload ?? {});
        schedules.push(s);
      }
    },
    async work({ cron = true } = {}) {
      if (working) return;
      working = true;
      // Other processes' sends wake this worker at once (PostgreSQL only; PGlite is one process).
      if (!options.embedded)
        listener = await listenForJobs(
          options.pool,
          (name) => {
            for (const queueName of name ? [name] : local.names()) local.wake(queueName, false);
            wakeLoops(name);
          },
          (err) => options.onError?.(err),
        );
      for (const handler of handlers.values()) await local.workOn(handler);
      for (const loop of loops.values()) await loop.start();
      loopsStarted = true;
      // Cron runs where jobs are worked, from when they are: a web-only process (`opsdesk web`) fires
      // nothing, and a start answers its first request before the timekeeper's own start (it
      // creates and polls its queue and runs a first pass: ~0.2 s of the embedded database's
      // one thread, which held up the console on every `npm start`). pg-boss starts its timekeeper
      // only with its instance, hence an instance of its own.
      if (!cron) return;
      timekeeper = new PgBoss({ ...connection, schedule: true, supervise: false, migrate: false });
      timekeeper.on('error', (err: Error) => options.onError?.(err));
      await timekeeper.start();
      for (const s of schedules) {
        await timekeeper.schedule(s.job.name, s.cron, s.payload ?? {}, { tz: s.timeZone ?? 'UTC' });
        if (s.atStart) await queue.send(s.job, s.payload ?? {});
      }
    },
    async send(spec, payload, sendOptions = {}) {
      // Its queue exists only once registered; a job of another app or a disabled area would fail later.
      if (handlers.get(spec.name)?.job !== spec) throw new Error(`job ${spec.name} is not registered`);
      const data = spec.payload.parse(payload) as object;
      const id = await boss.send(spec.name, data, {
        singletonKey: sendOptions.singletonKey ?? sendOptions.key,
        ...(sendOptions.priority ? { priority: sendOptions.priority } : {}),
        ...(sendOptions.startAfter !== undefined ? { startAfter: toStartAfter(sendOptions.startAfter) } : {}),
        ...(sendOptions.transaction ? { db: throughKysely(sendOptions.transaction) } : {}),
      });
      if (sendOptions.startAfter === undefined) {
        // On PostgreSQL the NOTIFY wakes a worker here too (its listener), at commit: no fetch before it.
        if (!options.embedded) await announce(spec.name, sendOptions.transaction);
        else local.wake(spec.name, sendOptions.transaction !== undefined);
      }
      return id;
    },
    async wake(name, transaction) {
      if (!options.embedded) {
        await announce(name, transaction);
        return;
      }
      // One process, one connection: a query queued behind the transaction runs once it ended.
      if (!transaction) wakeLoops(name);
      else
        void options.pool.query('select 1').then(
          () => wakeLoops(name),
          () => wakeLoops(name),
        );
    },
    runNow(spec, payload, { key }) {
      const handler = handlers.get(spec.name);
      if (handler?.job !== spec) throw new Error(`job ${spec.name} is not registered`);
      const data = spec.payload.parse(payload);
      if (options.runHere === false) {
        queue.send(spec, payload, { key }).catch((err) => options.onError?.(err as Error));
        return;
      }
      now.run(handler, data, key);
    },
    async retry(name, id) {
      if (name === DEAD_LETTER_QUEUE) {
        await redriveOne(boss, options.pool, id);
        return;
      }
      await boss.retry(name, id);
    },
    settled: () => now.settled(),
    async stop({ graceful = true, timeoutMs = 30_000 } = {}) {
      now.stopTaking();
      // Jobs run here finish first (one cut short is left to the sweep of its area, as after a crash).
      if (graceful)
        await Promise.race([queue.settled(), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
      loopsStarted = false;
      for (const loop of loops.values()) await loop.stop();
      await listener?.close();
      listener = undefined;
      await timekeeper?.stop({ graceful, timeout: timeoutMs, close: false });
      await boss.stop({ graceful, timeout: timeoutMs, close: false });
      settleAgain.stop();
    },
  };
  return queue;
}

/** pg-boss statements run on the connection of a Kysely transaction. */
function throughKysely(db: Db) {
  return {
    executeSql: async (text: string, values: unknown[] = []) =>
      db.executeQuery(CompiledQuery.raw(text, values)),
  };
}

function toStartAfter(value: Date | number): Date | number {
  // Seconds to the millisecond: a message's pace of a second and a half waits that, not two.
  return value instanceof Date ? value : Math.max(0, Math.round(value * 1000) / 1000);
}
