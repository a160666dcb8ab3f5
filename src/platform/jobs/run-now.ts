import type { JobHandler, JobOutcome } from './job-definition.ts';

export interface RunNowDeps {
  /** Stores the job for the workers: a run here failed, or this process takes no more work. */
  store(handler: JobHandler, data: unknown, key: string): Promise<unknown>;
  /** Stores a run here whose work failed (its handler answered a failed outcome) as a finished job. */
  storeFinished(handler: JobHandler, data: unknown, key: string, outcome: JobOutcome): Promise<unknown>;
  onError?: (err: Error) => void;
}

/** The jobs a queue runs in this process without storing them (`runNow`). */
export interface RunNow {
  /** Runs `handler` with `data` once every earlier run of `key` here has finished; returns at once. */
  run(handler: JobHandler, data: unknown, key: string): void;
  /** Settles when every run started here has finished. */
  settled(): Promise<void>;
  /** From now on every run is stored for the workers instead. */
  stopTaking(): void;
}

/**
 * A serial executor per key (issue 29): one key's runs follow each other in this process, in the order
 * they were asked for, and never overlap; different keys run side by side. Nothing is written to the
 * queue on this road: the caller's stored state is the durable record, and a sweep stores the job for
 * what a dead process left. A run that throws is stored, so its retries and backoff are the queue's;
 * a run whose work failed is stored finished, with its outcome.
 */
export function createRunNow(deps: RunNowDeps): RunNow {
  /** Per key, the tail of its chain of runs. */
  const chains = new Map<string, Promise<void>>();
  let stopping = false;

  const store = (handler: JobHandler, data: unknown, key: string) =>
    deps.store(handler, data, key).then(
      () => undefined,
      (err) => deps.onError?.(err as Error),
    );

  const runOnce = async (handler: JobHandler, data: unknown, key: string) => {
    if (stopping) return store(handler, data, key);
    let outcome: Awaited<ReturnType<JobHandler['run']>>;
    try {
      outcome = await handler.run(data, { jobId: '', attempt: 1, signal: new AbortController().signal });
    } catch (err) {
      deps.onError?.(err as Error);
      await store(handler, data, key);
      return;
    }
    // A run that succeeds leaves no trace in the queue; one whose work failed does, as a worker's would.
    if (outcome?.failed)
      await deps.storeFinished(handler, data, key, outcome).catch((err) => deps.onError?.(err as Error));
  };

  return {
    run(handler, data, key) {
      if (stopping) {
        void store(handler, data, key);
        return;
      }
      const tail = (chains.get(key) ?? Promise.resolve()).then(() => runOnce(handler, data, key));
      chains.set(key, tail);
      void tail.finally(() => {
        if (chains.get(key) === tail) chains.delete(key);
      });
    },
    async settled() {
      while (chains.size) await Promise.allSettled([...chains.values()]);
    },
    stopTaking() {
      stopping = true;
    },
  };
}
