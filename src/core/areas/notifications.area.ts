import { defineJob } from '../../platform/jobs/index.ts';
import { defineModule, type ModuleDeps } from '../modules/index.ts';
import {
  deliverNotification,
  emailChannel,
  type NotificationChannel,
  NotificationErrors,
  notificationsRoutes,
  sendNotificationJob,
  testMessageTemplate,
} from '../notifications/index.ts';

/** The notifications outbox: routes to see and replay messages, the e-mail channel and the sending job. */
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
  notificationChannels: () => [emailChannel],
  routes: (deps) => async (app) => app.register(notificationsRoutes, { jobs: deps.jobs }),
  jobs: (deps) => [sendJob(deps)],
});

function sendJob(deps: ModuleDeps) {
  let channels: ReadonlyMap<string, NotificationChannel> | undefined;
  const channelsByName = () => {
    channels ??= new Map(deps.declared.notificationChannels().map((c) => [c.name, c]));
    return channels as ReadonlyMap<NotificationChannel['name'], NotificationChannel>;
  };
  return defineJob({
    ...sendNotificationJob,
    // Failures of a send are handled by the outbox itself (backoff, dead); these retries cover crashes.
    retry: { limit: 3, delaySeconds: 5, backoff: true },
    expireInSeconds: 120,
    async run(payload, run) {
      const ctx = deps.systemCtx(payload.orgId, sendNotificationJob.name);
      const outcome = await deliverNotification(
        ctx,
        { config: deps.config, channels: channelsByName(), signal: run.signal },
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
