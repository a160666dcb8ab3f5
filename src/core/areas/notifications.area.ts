import { defineModule } from '../modules/index.ts';
import {
  emailChannel,
  notificationsRoutes,
  sendNotificationHandler,
  testMessageTemplate,
} from '../notifications/index.ts';

/** The notifications outbox: routes to see and replay messages, the e-mail channel and the sending job. */
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
  // Generic, not a shortcut: the list holds templates of any data type (each one's schema checks its data).
  templates: [testMessageTemplate as never],
  notificationChannels: () => [emailChannel],
  routes: (deps) => async (app) => app.register(notificationsRoutes, { jobs: deps.jobs }),
  jobs: (deps) => [
    sendNotificationHandler({
      config: deps.config,
      jobs: deps.jobs,
      systemCtx: deps.systemCtx,
      channels: deps.declared.notificationChannels,
    }),
  ],
});
