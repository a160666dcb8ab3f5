import { defineJob } from '../../platform/jobs/index.ts';
import { systemCtx } from '../context/index.ts';
import { defineModule, type ModuleDeps } from '../modules/index.ts';
import { deliverNotification } from './deliver-notification.ts';
import { sendNotificationJob } from './notifications.jobs.ts';
import { notificationsRoutes } from './notifications.routes.ts';

function sendJob(deps: ModuleDeps) {
  return defineJob({
    ...sendNotificationJob,
    // Failures of a send are handled by the outbox itself (backoff, dead); these retries cover crashes.
    retry: { limit: 3, delaySeconds: 5, backoff: true },
    expireInSeconds: 120,
    async run(payload, run) {
      const ctx = systemCtx({
        orgId: payload.orgId,
        db: deps.database.forOrg(payload.orgId),
        clock: deps.clock,
        job: sendNotificationJob.name,
      });
      const outcome = await deliverNotification(
        ctx,
        { config: deps.config, signal: run.signal },
        payload.notificationId,
      );
      if (outcome.retryAt)
        await deps.jobs.send(sendNotificationJob, payload, { startAfter: outcome.retryAt });
      if (outcome.next) {
        const next = { orgId: payload.orgId, notificationId: outcome.next.notificationId };
        await deps.jobs.send(sendNotificationJob, next, { startAfter: outcome.next.at });
      }
    },
  });
}

/** The notifications outbox as a core area: permissions, routes and the sending job. */
export const notificationsArea = defineModule({
  name: 'notifications',
  permissions: [
    { key: 'notifications.message.read', description: 'See outgoing messages and their delivery log' },
    {
      key: 'notifications.message.replay',
      description: 'Send failed or dead messages again',
      roles: ['ops'],
    },
  ],
  routes: (deps) => async (app) => app.register(notificationsRoutes, { jobs: deps.jobs }),
  jobs: (deps) => [sendJob(deps)],
});
