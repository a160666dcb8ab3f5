import { defineJob } from '../../platform/jobs/index.ts';
import { defineModule, type ModuleDeps } from '../modules/index.ts';
import {
  deliverNotification,
  NotificationErrors,
  notificationsRoutes,
  outboxChannels,
  sendNotificationJob,
  testMessageTemplate,
} from '../notifications/index.ts';

/**
 * The notifications outbox: routes to see and replay messages, and the job that sends them through
 * the declared notification channels (e-mail) and chat channels (WhatsApp, Telegram).
 */
export const notificationsArea = defineModule({
  name: 'notifications',
  errors: [NotificationErrors],
  permissions: [
    { key: 'notifications.message.read', description: 'See outgoing messages and their delivery log' },
    {
      key: 'notifications.message.replay',
      description: 'Send failed or dead messages again',
      roles: ['ops'],
    },
  ],
  templates: [testMessageTemplate as never],
  routes: (deps) => async (app) => app.register(notificationsRoutes, { jobs: deps.jobs }),
  jobs: (deps) => [sendJob(deps)],
});

function sendJob(deps: ModuleDeps) {
  // Jobs are made once every area has started, so the declarations are complete (a name clash stops the start).
  const channels = outboxChannels(deps.declared.notificationChannels(), deps.declared.chatChannels());
  return defineJob({
    ...sendNotificationJob,
    // Failures of a send are handled by the outbox itself (backoff, dead); these retries cover crashes.
    retry: { limit: 3, delaySeconds: 5, backoff: true },
    expireInSeconds: 120,
    async run(payload, run) {
      const ctx = deps.systemCtx(payload.orgId, sendNotificationJob.name);
      const outcome = await deliverNotification(
        ctx,
        { channels, signal: run.signal },
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
