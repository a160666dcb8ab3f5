import type { App } from '../../src/app/build-app.ts';
import type { Ctx } from '../../src/core/context/index.ts';
import { deliverNotification } from '../../src/core/notifications/index.ts';
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

/**
 * Asks the outbox to send one message now, as its dispatcher would (the same claim: due, its
 * recipient's turn, its channel's rule), with the app's own channels; answers what came of it
 * (`skipped`: nothing was due to send).
 */
export function sendDueNow(app: App, ctx: Ctx, notificationId: string) {
  const { declared } = app.deps;
  return deliverNotification(
    ctx,
    {
      channels: app.deps.outbox.channels(),
      jobs: app.jobs,
      templates: (key) => declared.templates().find((t) => t.key === key),
      secretKey: app.config.OPSDESK_SECRET_KEY,
    },
    notificationId,
  );
}
