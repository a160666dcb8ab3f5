import type pg from 'pg';
import { type Listening, listenOn } from '../db/index.ts';

/** The PostgreSQL channel on which a sent job announces its queue. */
export const JOB_WAKE_CHANNEL = 'opsdesk_jobs';

/**
 * Cross-process wake-up for job workers on PostgreSQL. A process that sends a job NOTIFYs its queue
 * name on `JOB_WAKE_CHANNEL` (inside the sending transaction when there is one, so the notification
 * is delivered only at commit, when the job is visible); every worker process LISTENs on one
 * dedicated connection and fetches that queue at once instead of waiting out its polling interval.
 * Polling stays the fallback: a lost notification (connection dropped) only costs the interval.
 * On PGlite there is one process, and the in-process wake-up of the queue suffices.
 */
export type JobWakeListener = Listening;

/** The statement that announces `queue` (run it on the sending transaction's connection). */
export const wakeStatement = (queue: string) =>
  ({ text: 'select pg_notify($1, $2)', values: [JOB_WAKE_CHANNEL, queue] }) as const;

/**
 * Calls `onWake(queue)` per notification; after a dropped connection it wakes every queue once
 * (`onWake(undefined)`), since notifications sent meanwhile are lost.
 */
export function listenForJobs(
  pool: pg.Pool,
  onWake: (queue: string | undefined) => void,
  onError: (err: Error) => void = () => undefined,
): Promise<JobWakeListener> {
  return listenOn(pool, JOB_WAKE_CHANNEL, {
    onNotify: (queue) => onWake(queue),
    onReconnect: () => onWake(undefined),
    onError,
  });
}
