import { defineArea } from '../modules/index.ts';
import {
  listed,
  NotificationErrors,
  notificationsRoutes,
  queueDeliveryFallback,
  resealNotificationSecrets,
  testMessageTemplate,
} from '../notifications/index.ts';
import { chatOutboxMessagesRule, deliveredNotificationsRule } from '../retention/index.ts';

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
        channels: () => deps.outbox.channels(),
      },
      event,
    ),
  routes: (deps) => async (app) => app.register(notificationsRoutes, { jobs: deps.jobs }),
  // The outbox is the queue: its dispatcher sends straight from the table, in every process that works jobs.
  loops: (deps) => [deps.outbox],
  retention: () => ({ rules: [deliveredNotificationsRule, chatOutboxMessagesRule] }),
  resealSecrets: async (trx, keys) => ({
    label: 'outbox one-time secret(s)',
    count: await resealNotificationSecrets(trx, keys),
  }),
});
