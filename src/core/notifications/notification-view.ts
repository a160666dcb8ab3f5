import type { Selectable } from 'kysely';
import type { NotificationDetail, NotificationView } from './notifications.contract.ts';
import type { StoredAttachment } from './notifications.rules.ts';
import type { NotificationEventTable, NotificationTable } from './notifications.tables.ts';

export type { NotificationDetail, NotificationView } from './notifications.contract.ts';

/** Columns of a list row: everything but the body, data and attachment bytes. */
export const VIEW_COLUMNS = [
  'id',
  'channel',
  'recipient',
  'contact_id',
  'template',
  'locale',
  'subject',
  'status',
  'attempts',
  'last_error',
  'next_attempt_at',
  'provider_message_id',
  'idempotency_key',
  'created_at',
  'sent_at',
] as const;

type ViewRow = Pick<Selectable<NotificationTable>, (typeof VIEW_COLUMNS)[number]>;

export function toView(r: ViewRow): NotificationView {
  const pending = r.status === 'queued';
  return {
    id: r.id,
    channel: r.channel,
    to: r.recipient,
    toName: null,
    contactId: r.contact_id,
    template: r.template,
    locale: r.locale,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    nextAttemptAt: pending ? r.next_attempt_at.toISOString() : null,
    providerMessageId: r.provider_message_id,
    idempotencyKey: r.idempotency_key,
    createdAt: r.created_at.toISOString(),
    sentAt: r.sent_at?.toISOString() ?? null,
    sms: null,
  };
}

export function toDetail(
  r: ViewRow & { data: Record<string, unknown>; body: string; attachments: StoredAttachment[] },
  events: Pick<Selectable<NotificationEventTable>, 'at' | 'status' | 'detail'>[],
): NotificationDetail {
  return {
    ...toView(r),
    data: r.data,
    body: r.body,
    attachments: r.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      bytes: Buffer.byteLength(a.base64, 'base64'),
    })),
    events: events.map((e) => ({ at: e.at.toISOString(), status: e.status, detail: e.detail })),
  };
}
