import { z } from 'zod';
import { createI18n } from '../i18n/index.ts';
import { defineTemplate } from '../notifications/index.ts';
import { channelAlertCatalogs } from './channel-alert.catalog.ts';

const i18n = createI18n({ catalogs: { 'channel-alert': channelAlertCatalogs } });

const CHANNEL = z.enum(['telegram', 'whatsapp', 'email', 'sms']);

/** `health.channel_failing`: tells an owner or admin that a channel account keeps failing, and why. */
export const channelFailingTemplate = defineTemplate<{
  orgName: string;
  channel: z.infer<typeof CHANNEL>;
  failures: number;
  /** When the run of failures began, already written in the reader's language and the operator's zone. */
  since: string;
  cause: string;
}>({
  key: 'health.channel_failing',
  data: z.object({
    orgName: z.string().min(1).max(200),
    channel: CHANNEL,
    failures: z.number().int().min(1),
    since: z.string().min(1).max(100),
    cause: z.string().min(1).max(1000),
  }),
  subject: (locale, data) => i18n.t(locale, 'channel-alert:subject', wordsOf(locale, data)),
  body: (locale, data) => i18n.t(locale, 'channel-alert:body', wordsOf(locale, data)),
});

/** The template's data with the channel named in the reader's language. */
const wordsOf = <D extends { channel: string }>(locale: Parameters<typeof i18n.t>[0], data: D) => ({
  ...data,
  channel: i18n.t(locale, `channel-alert:channels.${data.channel}`),
});
