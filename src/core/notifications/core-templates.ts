import { z } from 'zod';
import { createI18n } from '../i18n/index.ts';
import { notificationCatalogs } from './notifications.catalog.ts';
import { defineTemplate } from './templates.ts';

const i18n = createI18n({ catalogs: { notifications: notificationCatalogs } });

/** `notifications.test_message`: checks that a channel reaches a person ("can you read this?"). */
export const testMessageTemplate = defineTemplate<{ name: string; orgName: string }>({
  key: 'notifications.test_message',
  data: z.object({ name: z.string().trim().min(1).max(200), orgName: z.string().trim().min(1).max(200) }),
  subject: (locale, data) => i18n.t(locale, 'notifications:test_message.subject', data),
  body: (locale, data) => i18n.t(locale, 'notifications:test_message.body', data),
});
