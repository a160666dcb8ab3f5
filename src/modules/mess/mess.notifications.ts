import { z } from 'zod';
import type { Ctx } from '../../core/context/index.ts';
import { createI18n } from '../../core/i18n/index.ts';
import {
  defineTemplate,
  enqueueNotification,
  type NotificationTemplate,
} from '../../core/notifications/index.ts';
import { messNotifyCatalog } from './mess.notify.catalog.ts';
import type { MessRuntime } from './mess.runtime.ts';

export const messI18n = createI18n({ catalogs: { 'mess-notify': messNotifyCatalog } });

const KEYS = [
  'approved',
  'denied',
  'suspended',
  'payment_verified',
  'payment_denied',
  'new_registration',
  'new_payment',
  'fee_reminder',
] as const;
export type MessNotice = (typeof KEYS)[number];

const data = z.record(z.string(), z.union([z.string(), z.number()]));
const TEMPLATES = Object.fromEntries(
  KEYS.map((key) => [
    key,
    defineTemplate({
      key: `mess.${key}`,
      data,
      // Telegram only: no subject (a chat message is its body).
      body: (locale, d) => messI18n.t(locale, `mess-notify:${key}`, d).trim(),
    }),
  ]),
) as Record<MessNotice, NotificationTemplate<Record<string, string | number>>>;

/** The messages the mess module sends, declared in its definition. */
export const messTemplates = Object.values(TEMPLATES) as NotificationTemplate<never>[];

/**
 * Queues a Telegram message to a student or an admin in the caller's transaction (sent by the
 * notifications job with retries). `key` makes a retried business change send it once.
 */
export async function notifyTelegram(
  tx: Ctx,
  rt: Pick<MessRuntime, 'jobs'>,
  input: {
    to: string;
    notice: MessNotice;
    data: Record<string, string | number>;
    locale: string;
    key: string;
  },
): Promise<void> {
  await enqueueNotification(tx, rt.jobs, {
    channel: 'telegram',
    to: input.to,
    template: TEMPLATES[input.notice],
    data: input.data,
    locale: input.locale,
    idempotencyKey: `mess:${input.key}:${input.to}`,
  });
}
