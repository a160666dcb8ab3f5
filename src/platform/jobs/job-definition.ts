import type { PgBoss } from 'pg-boss';
import type { z } from 'zod';
import type { Db } from '../db/index.ts';
import type { AppError } from '../errors/index.ts';

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
   * retried, long before `expireInSeconds` for a job that usually takes milliseconds. The pg-boss
   * worker running it refreshes it while it runs.
   */
  readonly heartbeatSeconds?: number;
  /** How many of this job one process runs at once. */
  readonly concurrency?: number;
  /** This job with the handler one app runs it with; the handler must be safe to run twice. */
  handle(run: JobRun<P>): JobHandler;
}

// biome-ignore lint/suspicious/noConfusingVoidType: most handlers answer nothing; one whose work failed answers how
export type JobRun<P> = (payload: P, ctx: JobRunContext) => Promise<JobOutcome | void>;

/** A job bound to its handler; `run` parses the stored payload with the job's schema first. */
export interface JobHandler {
  readonly job: JobDefinition;
  // biome-ignore lint/suspicious/noConfusingVoidType: as `JobRun`
  run(data: unknown, ctx: JobRunContext): Promise<JobOutcome | void>;
}

/**
 * What a handler answers when the work it was given failed though the handler itself ran to its end
 * (a reply the channel refused, a message given up): the failure is already recorded where the work
 * lives, so running the job again would change nothing, or would send twice. The queue keeps it on
 * the job, which the jobs screen then shows as failed, with the error in words, instead of completed.
 */
export interface JobOutcome {
  failed: JobFailure;
}

/** A job's failed work as stored on the job: the error code (its words are `errors.<code>`) and details. */
export interface JobFailure {
  code: string;
  message: string;
  details: Record<string, unknown>;
}

/** The outcome of a job whose work failed with `err`. */
export function workFailed(err: AppError): JobOutcome {
  return { failed: { code: err.code, message: err.message, details: err.details } };
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
  /** Also sent once when a process starts working jobs (catching up on what came due while none ran). */
  atStart?: boolean;
}

export interface SendOptions {
  /** Deduplicates sends: a second send with the same key while the first is queued is dropped. */
  singletonKey?: string;
  /** Ordering key for `key_strict_fifo` queues. */
  key?: string;
  /**
   * When the job comes due: a number of seconds from now, or an instant on the database's clock. A
   * time the app reckoned on its own clock goes as seconds from its now: the two clocks may differ.
   */
  startAfter?: Date | number;
  /** Sends inside this open transaction (an outbox): the job exists only if the transaction commits. */
  transaction?: Db;
  /**
   * Taken before the queue's other jobs waiting (higher first; default 0): work someone is waiting
   * for at that moment (a token SMS at the meter) ahead of a backlog that can wait.
   */
  priority?: number;
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

/**
 * Work that runs beside a process's job workers instead of as stored jobs (the outbox's dispatcher):
 * started by `work()`, stopped by `stop()`, and woken by `JobQueue.wake(name)` from any process. It
 * keeps its own durable state (its table is its queue), so a lost wake costs only its own sweep.
 */
export interface JobLoop {
  readonly name: string;
  start(): Promise<void>;
  /** Look for work now; called for a wake of this loop's name and after a lost LISTEN connection. */
  wake(): void;
  /** Finishes what it holds (or leaves it to its lease) and stops. */
  stop(): Promise<void>;
}

export interface JobQueue {
  register(
    jobs: ReadonlyArray<JobHandler>,
    schedules?: ReadonlyArray<ScheduleSpec>,
    loops?: ReadonlyArray<JobLoop>,
  ): Promise<void>;
  /**
   * Wakes the loop called `name` in every process that works jobs; inside `transaction`, only once it
   * commits (a NOTIFY on PostgreSQL; on the embedded database once the one connection is free again).
   */
  wake(name: string, transaction?: Db): Promise<void>;
  /**
   * Starts pulling jobs in this process (workers only), and firing the schedules unless `cron` is
   * false: a test that compares an organization's rows before and after keeps the wall clock's
   * hourly sweeps out of them.
   */
  work(options?: { cron?: boolean }): Promise<void>;
  /** Queues a registered job; the payload is checked by the job's schema first. */
  send<P>(job: JobDefinition<P>, payload: NoInfer<P>, options?: SendOptions): Promise<string | null>;
  /**
   * Runs a registered job's handler in this process now, without storing it (no insert, claim or
   * completion, issue 29), once every earlier `runNow` of the same `key` here has finished: one key's
   * runs never overlap in this process and keep their order. The caller's own stored state is what
   * makes it durable (a sweep stores the job for what a dead process left). A run that throws is
   * stored for the workers, and so is every run while the queue stops or when it was created with
   * `runHere: false`. Returns at once.
   */
  runNow<P>(job: JobDefinition<P>, payload: NoInfer<P>, options: { key: string }): void;
  retry(name: string, id: string): Promise<void>;
  /** Settles when every job started here by `runNow` has finished (tests; shutdown waits itself). */
  settled(): Promise<void>;
  stop(options?: { graceful?: boolean; timeoutMs?: number }): Promise<void>;
  readonly boss: PgBoss;
}
