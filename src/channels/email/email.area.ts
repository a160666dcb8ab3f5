import { defineArea } from '../../core/modules/index.ts';
import type { NotificationChannel } from '../../core/notifications/index.ts';
import { outsideCallTimeoutMs } from '../../platform/config/index.ts';
import { createEmailChannel } from './email.channel.ts';
import { type EmailConfig, emailConfigSchema } from './email.config.ts';

/** E-mail over SMTP: the outbox's `email` channel. */
export const emailArea = defineArea<{ channel: NotificationChannel }, EmailConfig>({
  name: 'email',
  config: emailConfigSchema,
  start: (deps, config) => ({
    channel: createEmailChannel(config, { timeoutMs: outsideCallTimeoutMs(deps.config, 'smtp') }),
  }),
  notificationChannels: ({ channel }) => [channel],
});
