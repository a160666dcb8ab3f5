import { z } from 'zod';
import { getContacts, normalizePhone } from '../../core/contacts/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import { createI18n } from '../../core/i18n/index.ts';
import {
  defineTemplate,
  enqueueNotification,
  type NotificationTemplate,
  smsValue,
} from '../../core/notifications/index.ts';
import { renderQrPng } from '../../platform/render/index.ts';
import { messNotifyCatalog } from './mess.notify.catalog.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { type MessSettings, messSettingsOf } from './mess.settings.ts';
import type { MessTables } from './mess.tables.ts';

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

/**
 * What a student without Telegram gets by SMS (issue 65), each behind its setting (on by default).
 * The approval by SMS carries no QR: the student gives their roll number at the counter.
 */
const SMS_SETTING = {
  approved: 'smsApproval',
  denied: 'smsDenials',
  payment_verified: 'smsPaymentVerdicts',
  payment_denied: 'smsPaymentVerdicts',
  payment_refunded: 'smsRefunds',
  fee_reminder: 'smsReminders',
} as const satisfies Partial<Record<MessNotice | 'approved', keyof MessSettings>>;
export type SmsNotice = keyof typeof SMS_SETTING;

/** What people typed that each SMS carries (a name, a cycle's name, a reason): cut to fit its parts. */
const SMS_STAFF_TEXT: Record<SmsNotice, string[]> = {
  approved: ['name'],
  denied: ['name', 'reason'],
  payment_verified: ['cycle'],
  payment_denied: ['cycle', 'reason'],
  payment_refunded: ['cycle', 'reason'],
  fee_reminder: ['name', 'cycle'],
};

/** The SMS of each notice: two parts at most, the names and reasons people typed cut to fit. */
const SMS_TEMPLATES = Object.fromEntries(
  (Object.keys(SMS_SETTING) as SmsNotice[]).map((key) => [
    key,
    defineTemplate({
      key: `mess.${key}_sms`,
      data,
      staffText: SMS_STAFF_TEXT[key],
      smsParts: 2,
      body: (locale, d) => messI18n.t(locale, `mess-notify:sms_${key}`, d).trim(),
    }),
  ]),
) as Record<SmsNotice, NotificationTemplate<Record<string, string | number>>>;
/**
 * The approval by SMS with the link to the student's meal pass (its QR, `mealPassLinkPath`), sent when
 * the deployment's address is known. The link opens the pass: it rests sealed in the outbox. Three
 * parts: the link alone is about 120 characters, most of a Hindi (UCS-2) part's 67.
 */
export const approvedLinkSmsTemplate = defineTemplate({
  key: 'mess.approved_link_sms',
  data: z.object({ name: z.string(), link: z.string() }),
  staffText: ['name'],
  secrets: ['link'],
  smsParts: 3,
  body: (locale, d) => messI18n.t(locale, 'mess-notify:sms_approved_link', d).trim(),
});

/** The SMS templates, for the test that renders each in every language. */
export const messSmsTemplates = [
  ...Object.values(SMS_TEMPLATES),
  approvedLinkSmsTemplate,
] as NotificationTemplate<never>[];

/** The messages the mess module sends, declared in its definition. */
export const messTemplates = [
  approvedTemplate,
  passRenewedTemplate,
  scanReceiptTemplate,
  ...Object.values(TEMPLATES),
  ...messSmsTemplates,
] as NotificationTemplate<never>[];

/** Where a student is reached, and in which language. */
export interface StudentAddress {
  id: string;
  name: string;
  rollNumber: string;
  telegramId: string | null;
  phone: string;
  contactId: string | null;
  /**
   * The language they last chose: their contact's (switched in the bot, or set on the console's
   * contact page), else the one they registered in.
   */
  language: string;
}

/**
 * These students' addresses, each with the language they last chose: one read of the students, and
 * the contact of each who has one (through the contacts area: a Telegram student's).
 */
export async function studentAddresses(
  tx: Ctx,
  ids: readonly string[],
): Promise<Map<string, StudentAddress>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.db
    .withTables<MessTables>()
    .selectFrom('mess_student')
    .select(['id', 'name', 'roll_number', 'telegram_id', 'phone', 'contact_id', 'language'])
    .where('id', 'in', ids)
    .execute();
  // The language each chose, from their contacts in one read (a contact gone leaves the registration's).
  const contactIds = [...new Set(rows.flatMap((r) => (r.contact_id ? [r.contact_id] : [])))];
  const chosen = new Map((await getContacts(tx, contactIds)).map((c) => [c.id, c.preferredLanguage ?? null]));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        name: r.name,
        rollNumber: r.roll_number,
        telegramId: r.telegram_id,
        phone: r.phone,
        contactId: r.contact_id,
        language: (r.contact_id && chosen.get(r.contact_id)) || r.language,
      },
    ]),
  );
}

/** One student's address (`studentAddresses`). */
export async function studentAddress(tx: Ctx, id: string): Promise<StudentAddress | undefined> {
  return (await studentAddresses(tx, [id])).get(id);
}

export type StudentChannel = { channel: 'telegram' | 'sms'; to: string };

/**
 * The one channel a notice reaches a student on: their Telegram chat when they linked one; else
 * their phone by SMS, when they gave a valid one and the organization keeps that SMS on. Null when
 * neither (a notice with no SMS, as a suspension, goes to Telegram only).
 */
export function channelOfStudent(
  s: Pick<StudentAddress, 'telegramId' | 'phone'>,
  notice: MessNotice | 'approved',
  settings: MessSettings,
): StudentChannel | null {
  if (s.telegramId) return { channel: 'telegram', to: s.telegramId };
  const setting = SMS_SETTING[notice as SmsNotice];
  if (!setting || !settings[setting]) return null;
  const phone = s.phone ? normalizePhone(s.phone, settings.phoneRegion) : undefined;
  return phone ? { channel: 'sms', to: phone } : null;
}

/** A template's values as a text carries them (core `smsValue`: plain spaces, ₹ as Rs). */
export const smsValues = (d: Record<string, string | number>) =>
  Object.fromEntries(Object.entries(d).map(([k, v]) => [k, typeof v === 'string' ? smsValue(v) : v]));

/**
 * Tells a student a notice on the channel `channelOfStudent` picks, in their language, once per
 * `key` (a retried change sends nothing twice). Answers the channel used, or null when none.
 * The approval on Telegram carries the pass: its caller sends that one (`approvedTemplate`).
 */
export async function notifyStudent(
  tx: Ctx,
  rt: Pick<MessRuntime, 'jobs' | 'secretKey'>,
  input: {
    student: StudentAddress;
    notice: MessNotice | 'approved';
    data: Record<string, string | number>;
    key: string;
    settings?: MessSettings;
  },
): Promise<StudentChannel | null> {
  const { student } = input;
  const via = channelOfStudent(student, input.notice, input.settings ?? (await messSettingsOf(tx)));
  if (!via) return null;
  if (via.channel === 'telegram') {
    if (input.notice === 'approved') return via;
    await notifyTelegram(tx, rt, {
      to: via.to,
      contactId: student.contactId,
      notice: input.notice,
      data: { name: student.name, ...input.data },
      locale: student.language,
      key: input.key,
    });
    return via;
  }
  const withLink = input.notice === 'approved' && Boolean(input.data.link);
  await enqueueNotification(tx, rt.jobs, {
    channel: 'sms',
    to: via.to,
    contactId: student.contactId,
    template: withLink ? approvedLinkSmsTemplate : SMS_TEMPLATES[input.notice as SmsNotice],
    data: smsValues({ name: student.name, roll: student.rollNumber, ...input.data }),
    locale: student.language,
    idempotencyKey: `mess:${input.key}:${via.to}`,
    ...(withLink ? { secretKey: rt.secretKey } : {}),
  });
  return via;
}

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
