import { z } from 'zod';
import type { Ctx } from '../../core/context/index.ts';
import { createI18n } from '../../core/i18n/index.ts';
import {
  defineTemplate,
  enqueueNotification,
  type NotificationTemplate,
} from '../../core/notifications/index.ts';
import { renderQrPng } from '../../platform/render/index.ts';
import { messNotifyCatalog } from './mess.notify.catalog.ts';
import type { MessRuntime } from './mess.runtime.ts';

export const messI18n = createI18n({ catalogs: { 'mess-notify': messNotifyCatalog } });

const KEYS = [
  'denied',
  'suspended',
  'payment_verified',
  'payment_denied',
  'payment_refunded',
  'new_registration',
  'new_payment',
  'fee_reminder',
] as const;
export type MessNotice = (typeof KEYS)[number];

/** A message that carries the student's meal pass as a QR picture, `pass` sealed until it is sent. */
const passMessage = (key: string, words: 'approved' | 'pass_renewed') =>
  defineTemplate({
    key,
    data: z.object({ name: z.string(), pass: z.string() }),
    // The pass is the student's credential at the counter: it rests sealed in the outbox and
    // becomes the QR only when the message is sent.
    secrets: ['pass'],
    attachments: async (_locale, d) => [
      {
        filename: 'meal-pass.png',
        contentType: 'image/png',
        content: Buffer.from(await renderQrPng(d.pass, { mode: 'alphanumeric', width: 480 })),
      },
    ],
    body: (locale, d) => messI18n.t(locale, `mess-notify:${words}`, { name: d.name }).trim(),
  });

/** The approval, carrying the meal pass: on Telegram one picture of the QR, the message its caption. */
export const approvedTemplate = passMessage('mess.approved', 'approved');

/** A pass signed again (after the pass key was rotated), sent to the student to use from now on. */
export const passRenewedTemplate = passMessage('mess.pass_renewed', 'pass_renewed');

/** A served meal, told to the student when the organization turned scan receipts on. */
export const scanReceiptTemplate = defineTemplate({
  key: 'mess.scan_receipt',
  data: z.object({ meal: z.string(), time: z.string() }),
  body: (locale, d) => messI18n.t(locale, 'mess-notify:scan_receipt', d).trim(),
});

const data = z.record(z.string(), z.union([z.string(), z.number()]));
/** The reasons a warden or admin types (denial, suspension, rejected proof, refund): fitted, without links. */
const STAFF_TEXT: Partial<Record<MessNotice, string[]>> = {
  denied: ['reason'],
  suspended: ['reason'],
  payment_denied: ['reason'],
  payment_refunded: ['reason'],
};
const TEMPLATES = Object.fromEntries(
  KEYS.map((key) => [
    key,
    defineTemplate({
      key: `mess.${key}`,
      data,
      ...(STAFF_TEXT[key] ? { staffText: STAFF_TEXT[key] } : {}),
      // Telegram only: no subject (a chat message is its body).
      body: (locale, d) => messI18n.t(locale, `mess-notify:${key}`, d).trim(),
    }),
  ]),
) as Record<MessNotice, NotificationTemplate<Record<string, string | number>>>;

/** The messages the mess module sends, declared in its definition. */
export const messTemplates = [
  approvedTemplate,
  passRenewedTemplate,
  scanReceiptTemplate,
  ...Object.values(TEMPLATES),
] as NotificationTemplate<never>[];

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
    /** The student's contact: the messages list names them by it (issue 54 item 5). */
    contactId?: string | null;
  },
): Promise<void> {
  await enqueueNotification(tx, rt.jobs, {
    channel: 'telegram',
    to: input.to,
    contactId: input.contactId ?? null,
    template: TEMPLATES[input.notice],
    data: input.data,
    locale: input.locale,
    idempotencyKey: `mess:${input.key}:${input.to}`,
  });
}
