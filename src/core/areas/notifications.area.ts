import { defineArea } from '../modules/index.ts';
import {
  createOutboxDispatcher,
  listed,
  NotificationErrors,
  notificationsRoutes,
  outboxChannels,
  queueDeliveryFallback,
  resealNotificationSecrets,
  testMessageTemplate,
} from '../notifications/index.ts';
import { deliveredNotificationsRule } from '../retention/index.ts';

/**
 * The notifications outbox: routes to see and replay messages, and the dispatcher that sends them through
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
  // Delivery policy is data on the template; core runs it when a message ends (issue 75).
  deliveryPolicy: (tx, deps, event) =>
    queueDeliveryFallback(
      tx,
      {
        jobs: deps.jobs,
        templates: () => deps.declared.templates(),
        channels: () => outboxChannels(deps.declared.notificationChannels(), deps.declared.chatChannels()),
      },
      event,
    ),
  routes: (deps) => async (app) => app.register(notificationsRoutes, { jobs: deps.jobs }),
  // The outbox is the queue: its dispatcher sends straight from the table, in every process that works jobs.
  loops: (deps) => [
    createOutboxDispatcher({
      db: deps.database.db,
      jobs: deps.jobs,
      clock: deps.clock,
      log: deps.log,
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
