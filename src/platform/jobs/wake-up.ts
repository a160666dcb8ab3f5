import pg from 'pg';

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
export interface JobWakeListener {
  close(): Promise<void>;
}

/** The statement that announces `queue` (run it on the sending transaction's connection). */
export const wakeStatement = (queue: string) =>
  ({ text: 'select pg_notify($1, $2)', values: [JOB_WAKE_CHANNEL, queue] }) as const;

/**
 * Listens on its own connection (opened with the pool's settings; never a pooled one, which LISTEN
 * would pin) and calls `onWake(queue)` per notification. Reconnects after a dropped connection,
 * waking every queue once then, since notifications sent meanwhile are lost.
 */
export async function listenForJobs(
  pool: pg.Pool,
  onWake: (queue: string | undefined) => void,
  onError: (err: Error) => void = () => undefined,
): Promise<JobWakeListener> {
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const c = new pg.Client(pool.options);
    c.on('notification', (n) => {
      if (n.channel === JOB_WAKE_CHANNEL) onWake(n.payload);
    });
    c.on('error', (err) => {
      onError(err);
      if (closed || client !== c) return;
      client = undefined;
      c.end().catch(() => undefined);
      retry = setTimeout(() => void reconnect(), 1000);
      retry.unref();
    });
    await c.connect();
    await c.query(`listen ${JOB_WAKE_CHANNEL}`);
    client = c;
  };
  const reconnect = async () => {
    if (closed) return;
    try {
      await connect();
      onWake(undefined);
    } catch (err) {
      onError(err as Error);
      retry = setTimeout(() => void reconnect(), 1000);
      retry.unref();
    }
  };
  await connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
}
