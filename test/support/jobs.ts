import type { App } from '../../src/app/build-app.ts';
import type { JobDefinition } from '../../src/platform/jobs/index.ts';
import { eventually } from './eventually.ts';

/**
 * Queues a job now and resolves once the app's worker has finished it (pg-boss keeps finished
 * jobs), so a test can then assert on stored state: what the job did, and what it left alone.
 */
export async function runJob<P>(
  app: App,
  job: JobDefinition<P>,
  payload: P,
  timeoutMs = 15_000,
): Promise<void> {
  const { name } = job;
  const id = await app.jobs.send(job, payload);
  if (!id) throw new Error(`job ${name} was not queued`);
  await eventually(
    async () => {
      const { rows } = await app.database.pool.query<{ state: string }>(
        'select state from pgboss.job where name = $1 and id = $2',
        [name, id],
      );
      const state = rows[0]?.state;
      if (state === 'failed' || state === 'cancelled') throw new Error(`job ${name} ${state}`);
      return state === 'completed';
    },
    { timeoutMs, what: `job ${name} to complete` },
  );
}
