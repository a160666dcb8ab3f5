import type { Job, PgBoss } from 'pg-boss';
import type { JobHandler } from './job-definition.ts';
import { latestRetryDelayMs } from './job-retries.ts';
import type { createSettleAgain } from './settle-again.ts';

/** How often a job's extra workers (its `concurrency` beyond one) poll: they work when woken. */
const EXTRA_WORKER_POLL_SECONDS = 30;

/**
 * This process's workers, per queue: one per unit of a job's `concurrency`, which of them are busy,
 * and whose turn it is to be woken.
 */
export function createLocalWorkers(
  boss: PgBoss,
  pollingIntervalSeconds: number,
  settleAgain: ReturnType<typeof createSettleAgain>,
) {
  const queues = new Map<string, { ids: string[]; busy: Set<string>; next: number }>();

  /**
   * A job sent wakes one of this process's workers for its queue at once, instead of waiting out the
   * polling interval (chat replies would otherwise lag by seconds): an idle one when there is one,
   * taken in turn (a busy one woken fetches again as soon as it is done). A job sent inside a
   * transaction is invisible until commit, so a worker is woken again shortly after (the embedded
   * database; on PostgreSQL the job's NOTIFY wakes one at commit).
   */
  const wake = (name: string, inTransaction: boolean) => {
    const workers = queues.get(name);
    if (!workers?.ids.length) return;
    const once = () => {
      const n = workers.ids.length;
      let i = 0;
      while (i < n - 1 && workers.busy.has(workers.ids[(workers.next + i) % n]!)) i++;
      boss.notifyWorker(workers.ids[(workers.next + i) % n]!);
      workers.next = (workers.next + i + 1) % n;
    };
    once();
    if (inTransaction) for (const ms of [20, 100, 400]) setTimeout(once, ms).unref();
  };

  /**
   * The workers of one job. The first polls at the polling interval; the others poll rarely
   * (`EXTRA_WORKER_POLL_SECONDS`) and work when woken (a job sent, a NOTIFY): sixteen workers polling
   * every 2 s were 8 idle fetches a second for one queue. A worker that found a job fetches again as
   * soon as it is done, rather than after its polling interval while jobs wait.
   */
  const workOn = async (handler: JobHandler) => {
    const spec = handler.job;
    const workers = { ids: [] as string[], busy: new Set<string>(), next: 0 };
    queues.set(spec.name, workers);
    for (let i = 0; i < (spec.concurrency ?? 1); i++) {
      let self = '';
      self = await boss.work(
        spec.name,
        {
          batchSize: 1,
          pollingIntervalSeconds:
            i === 0 ? pollingIntervalSeconds : Math.max(pollingIntervalSeconds, EXTRA_WORKER_POLL_SECONDS),
        },
        async ([job]) => {
          if (!job) return;
          workers.busy.add(self);
          try {
            return await runRemembered(handler, job, settleAgain);
          } catch (err) {
            // The retry comes due after its backoff, and the worker would see it only at its next
            // poll (2 s by default): wake it when the latest possible due time has passed.
            const dueMs = latestRetryDelayMs(spec, job.retryCount);
            if (dueMs !== undefined) setTimeout(() => wake(spec.name, false), dueMs + 50).unref();
            throw err;
          } finally {
            workers.busy.delete(self);
            // More may be waiting (a rush; the next job of its key under key_strict_fifo): look again
            // at the event loop's next turn, not in this one. On the embedded database every query
            // resolves without I/O, so a fetch-run-fetch loop that never left the microtask queue
            // starved timers and sockets for good whenever a job kept coming due at once (a message
            // waiting its recipient's turn, retried at a time the database already passed).
            setImmediate(() => boss.notifyWorker(self));
          }
        },
      );
      workers.ids.push(self);
    }
  };

  return { wake, workOn, names: () => queues.keys() };
}

/**
 * Runs a job's handler and remembers how it ended, for the settling an outage may cut off. What the
 * handler answers is kept as the job's output: a failed outcome shows on the jobs screen.
 */
async function runRemembered(
  { job: spec, run }: JobHandler,
  job: Job<unknown>,
  settleAgain: ReturnType<typeof createSettleAgain>,
): Promise<unknown> {
  try {
    const output = await run(job.data, { jobId: job.id, attempt: job.retryCount + 1, signal: job.signal });
    settleAgain.finished(spec.name, job.id, { output });
    return output;
  } catch (err) {
    settleAgain.finished(spec.name, job.id, { error: err });
    throw err;
  }
}
