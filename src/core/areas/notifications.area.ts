import { defineArea } from '../modules/index.ts';
import {
  listed,
  NotificationErrors,
  notificationsRoutes,
  outboxChannels,
  resealNotificationSecrets,
  sendNotificationHandler,
  testMessageTemplate,
} from '../notifications/index.ts';
import { deliveredNotificationsRule } from '../retention/index.ts';

/**
 * The notifications outbox: routes to see and replay messages, and the job that sends them through
 * the declared notification channels (e-mail) and chat channels (WhatsApp, Telegram).
 */
export const notificationsArea = defineArea({
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
  templates: [listed(testMessageTemplate)],
  routes: (deps) => async (app) => app.register(notificationsRoutes, { jobs: deps.jobs }),
  jobs: (deps) => [
    sendNotificationHandler({
      jobs: deps.jobs,
      systemCtx: deps.systemCtx,
      channels: () => outboxChannels(deps.declared.notificationChannels(), deps.declared.chatChannels()),
      templates: () => deps.declared.templates(),
      secretKey: deps.config.OPSDESK_SECRET_KEY,
      sendTimeoutMs: deps.config.OPSDESK_SEND_TIMEOUT_SECONDS * 1000,
    }),
  ],
  retention: () => ({ rules: [deliveredNotificationsRule] }),
  resealSecrets: async (trx, keys) => ({
    label: 'outbox one-time secret(s)',
    count: await resealNotificationSecrets(trx, keys),
  }),
});
