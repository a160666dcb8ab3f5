import { z } from 'zod';
import { NotificationErrors } from './notifications.errors.ts';

export const CHANNELS = ['email', 'telegram', 'whatsapp', 'sms'] as const;
export type ChannelName = (typeof CHANNELS)[number];

/**
 * `unconfirmed`: a send that may have reached the person (its answer was lost, a server error, a
 * worker that died mid-send); what follows is the channel's `ambiguousSends`: settled by its report,
 * sent again, or kept for staff to decide.
 * `undeliverable`: the message can never go out as addressed (the recipient does not fit the channel,
 * the channel is not configured); recorded with the reason, never retried on its own, never failing
 * the business change that caused it. A replay (after configuring the channel) tries again.
 */
export const NOTIFICATION_STATUSES = [
  'queued',
  'sending',
  'unconfirmed',
  'sent',
  'failed',
  'undeliverable',
] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** A message whose send has not been answered: being sent, or its answer lost. */
export const UNANSWERED_STATUSES = [
  'sending',
  'unconfirmed',
] as const satisfies ReadonlyArray<NotificationStatus>;

/** A message nothing will send on its own any more: sent, given up, or left to its report or to staff. */
export const SETTLED_STATUSES = [
  'sent',
  'unconfirmed',
  'failed',
  'undeliverable',
] as const satisfies ReadonlyArray<NotificationStatus>;

/** An inline file carried by an e-mail; the outbox is no file store, so these stay small. */
export interface StoredAttachment {
  filename: string;
  contentType: string;
  base64: string;
  /** Set on an image the HTML body shows inline (`<img src="cid:<contentId>">`); e-mail only. */
  contentId?: string;
}

export const ATTACHMENT_LIMITS = { count: 5, totalBytes: 1024 * 1024 } as const;

/** How long one channel send may take before it counts as a failed attempt (`OPSDESK_SEND_TIMEOUT_SECONDS`). */
export const SEND_TIMEOUT_MS = 60_000;

/**
 * The lease of a claim: how long after it a message still `sending` belongs to a sender that died
 * mid-send, so that it may be claimed again (or, where a repeat is never safe, shown `unconfirmed`): three times the
 * longest a send may take (3 minutes by default), and never before the channel's report of the send
 * could have settled it (`awaitReportMs`: Meta's `sent` status, a minute).
 */
export function staleSendingMs(sendTimeoutMs: number, awaitReportMs = 0): number {
  return Math.max(3 * sendTimeoutMs, sendTimeoutMs + awaitReportMs);
}

const RECIPIENT: Record<ChannelName, { pattern: RegExp; hint: string }> = {
  email: { pattern: /^[^@\s]{1,64}@[^@\s]{1,255}$/, hint: 'an e-mail address' },
  telegram: { pattern: /^-?\d{1,20}$/, hint: 'a Telegram chat id' },
  whatsapp: { pattern: /^\d{6,15}$/, hint: 'a WhatsApp wa_id (digits, country code first)' },
  sms: { pattern: /^\+\d{6,15}$/, hint: 'a phone number in international form (+250788000111)' },
};

/**
 * The stored form of an address, so one recipient is one line (order and pace): e-mail
 * lower-cased, chat ids and wa_ids as digits (a leading `+` on a wa_id is dropped).
 */
export function recipientProblem(channel: ChannelName, to: string): string | null {
  try {
    normalizeRecipient(channel, to);
    return null;
  } catch {
    return `invalid_recipient: ${to.trim() === '' ? 'no address' : `"${to.trim().slice(0, 80)}"`} is not ${RECIPIENT[channel].hint}`;
  }
}

export function normalizeRecipient(channel: ChannelName, to: string): string {
  const trimmed = to.trim();
  const value =
    channel === 'email'
      ? trimmed.toLowerCase()
      : channel === 'whatsapp'
        ? trimmed.replace(/^\+/, '')
        : channel === 'sms'
          ? trimmed.replace(/[\s().-]/g, '')
          : trimmed;
  const rule = RECIPIENT[channel];
  if (!rule.pattern.test(value))
    throw NotificationErrors.invalid_recipient({ channel, to, expected: rule.hint });
  return value;
}

/** Checks inline attachments: at most 5, 1 MiB decoded in total, valid base64. */
export function checkAttachments(attachments: ReadonlyArray<StoredAttachment>): void {
  if (attachments.length > ATTACHMENT_LIMITS.count)
    throw NotificationErrors.attachments_too_large({
      count: attachments.length,
      maxCount: ATTACHMENT_LIMITS.count,
    });
  let total = 0;
  for (const a of attachments) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(a.base64) || a.base64.length % 4 !== 0)
      throw NotificationErrors.invalid_attachment({ filename: a.filename, reason: 'not base64' });
    if (a.contentId !== undefined && !/^[A-Za-z0-9._-]{1,64}(@[A-Za-z0-9.-]{1,190})?$/.test(a.contentId))
      throw NotificationErrors.invalid_attachment({ filename: a.filename, reason: 'contentId' });
    total += Buffer.byteLength(a.base64, 'base64');
  }
  if (total > ATTACHMENT_LIMITS.totalBytes)
    throw NotificationErrors.attachments_too_large({ bytes: total, maxBytes: ATTACHMENT_LIMITS.totalBytes });
}

/** Delivery settings of an organization (`settings.notifications`); a bad value falls back to its default. */
export const deliverySettingsSchema = z.object({
  maxAttempts: z.number().int().min(1).max(20).catch(5),
  retryBaseMs: z.number().int().min(100).max(3_600_000).catch(60_000),
  retryMaxMs: z.number().int().min(100).max(86_400_000).catch(3_600_000),
  paceMs: z.partialRecord(z.enum(CHANNELS), z.number().int().min(0).max(600_000)).catch({}),
});
export type DeliverySettings = z.infer<typeof deliverySettingsSchema>;

/** Reads `settings.notifications` of an organization, defaults for whatever is missing or wrong. */
export function deliverySettingsOf(orgSettings: Record<string, unknown>): DeliverySettings {
  const raw = orgSettings.notifications;
  return deliverySettingsSchema.parse(raw && typeof raw === 'object' ? raw : {});
}

/** Exponential backoff after the `attempts`-th failure: base, 2×base, 4×base… capped. */
export function retryDelayMs(
  attempts: number,
  settings: Pick<DeliverySettings, 'retryBaseMs' | 'retryMaxMs'>,
): number {
  return Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * What a failed attempt leads to: `queued` again for a later try (its attempt count kept on the row),
 * or `failed`, final.
 */
export function afterFailure(
  attempts: number,
  permanent: boolean,
  now: Date,
  settings: Pick<DeliverySettings, 'maxAttempts' | 'retryBaseMs' | 'retryMaxMs'>,
): { status: 'queued'; nextAttemptAt: Date } | { status: 'failed' } {
  if (permanent || attempts >= settings.maxAttempts) return { status: 'failed' };
  return { status: 'queued', nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, settings)) };
}

/**
 * Where a message to a person ends, in one meaning for every module (issue 64): `delivered` when the
 * network said it reached the phone, `lost` when it will not (the outbox gave up, it cannot be sent,
 * a send cut off that nobody will repeat, or the network reported it undelivered), `waiting` otherwise.
 */
export type MessageOutcome = 'delivered' | 'waiting' | 'lost';

/** The outbox statuses after which a message goes nowhere unless staff replay it. */
export const LOST_STATUSES: ReadonlyArray<NotificationStatus> = ['failed', 'undeliverable', 'unconfirmed'];

/** A message's outcome from the outbox's status and the network's report (null: none came). */
export function outcomeOf(
  status: NotificationStatus,
  network: 'delivered' | 'failed' | null,
): MessageOutcome {
  if (network === 'delivered') return 'delivered';
  if (network === 'failed' || LOST_STATUSES.includes(status)) return 'lost';
  return 'waiting';
}

/**
 * How a message that can never go out as addressed keeps why (`last_error`): `<reason>: <words>`, the
 * reason a code staff screens and callers act on (`whatsapp_window_closed`, `channel_not_configured`).
 */
export const undeliverableError = (reason: string, words: string): string => `${reason}: ${words}`;

/** The reason and words of a kept error (`undeliverableError`); no reason when it names none. */
export function reasonOfError(error: string): { reason: string | null; words: string } {
  const [, reason, words] = /^([a-z][a-z0-9_]*): ([\s\S]*)$/.exec(error) ?? [];
  return reason && words !== undefined ? { reason, words } : { reason: null, words: error };
}
