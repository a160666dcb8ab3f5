import type { ColumnType, Generated } from 'kysely';
import type { OrgIdColumn } from '../../platform/db/index.ts';
import type { ChannelName, NotificationStatus, StoredAttachment } from './notifications.rules.ts';

type Json<T> = ColumnType<T, string | undefined, never>;

export type NotificationTable = {
  org_id: OrgIdColumn;
  id: Generated<string>;
  /** bigint, read as a string: the order of messages to one recipient. */
  seq: ColumnType<string, never, never>;
  channel: ColumnType<ChannelName, ChannelName, never>;
  recipient: ColumnType<string, string, never>;
  contact_id: ColumnType<string | null, string | null | undefined, never>;
  template: ColumnType<string, string, never>;
  data: Json<Record<string, unknown>>;
  locale: ColumnType<string, string, never>;
  subject: ColumnType<string | null, string | null, never>;
  body: ColumnType<string, string, never>;
  attachments: Json<StoredAttachment[]>;
  /** Optional HTML alternative of `body` (e-mail), rendered at enqueue like the body. */
  html: ColumnType<string | null, string | null | undefined, never>;
  /** The template's secret fields, sealed with OPSDESK_SECRET_KEY; erased once sent or expired. */
  sealed_secrets: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the sealed secrets stop being worth sending (the template's `secretsLiveMs`). */
  secrets_expire_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Set when the sealed secrets were erased: the message can never be sent again (a replay is refused). */
  secrets_erased_at: ColumnType<Date | null, never, Date | null>;
  status: ColumnType<NotificationStatus, NotificationStatus | undefined, NotificationStatus>;
  attempts: ColumnType<number, never, number>;
  last_error: ColumnType<string | null, never, string | null>;
  next_attempt_at: ColumnType<Date, Date | undefined, Date>;
  claimed_at: ColumnType<Date | null, never, Date | null>;
  provider_message_id: ColumnType<string | null, never, string | null>;
  idempotency_key: ColumnType<string | null, string | null | undefined, never>;
  /** Someone waits for it now (a token at the meter): the dispatcher takes it before the backlog. */
  urgent: ColumnType<boolean, boolean | undefined, never>;
  created_at: ColumnType<Date, Date | undefined, never>;
  sent_at: ColumnType<Date | null, never, Date | null>;
  /**
   * A chat message as its channel sends it (a flow's output, stored): a bot's reply or a staff
   * message; null on a notification, whose messages are made from `body` and `attachments`. An edit of
   * a sent message (a card whose decision was taken) rewrites it.
   */
  payload: ColumnType<Record<string, unknown> | null, string | null | undefined, string>;
  /** The file a chat message carries (an image, a document). */
  attachment: ColumnType<Buffer | null, Buffer | null | undefined, never>;
  /** Who wrote it: `bot` (a flow's reply), a staff member's id; null: the business (a notification). */
  sent_by: ColumnType<string | null, string | null | undefined, never>;
  /** What the channel reported past `sent` (WhatsApp's ticks), and when. */
  reached: ColumnType<'delivered' | 'read' | null, never, 'delivered' | 'read' | null>;
  reached_at: ColumnType<Date | null, never, Date | null>;
  /** The sender (`outbox_sender`) holding the claim: its claims are settled once it stops. */
  claimed_by: ColumnType<string | null, never, string | null>;
};

/** A process that sends from the outbox, seen on each of its sweeps (no organization's data). */
export type OutboxSenderTable = {
  id: string;
  started_at: Date;
  seen_at: Date;
};

export type NotificationEventTable = {
  id: ColumnType<string, never, never>;
  org_id: OrgIdColumn;
  notification_id: string;
  at: ColumnType<Date, Date | undefined, never>;
  status: string;
  detail: Json<Record<string, unknown>>;
};

export type AttemptStatus = 'claimed' | 'accepted' | 'delivered' | 'failed';

/** One send attempt of a notification, any channel (20270603_6401): its provider's id, account, word and cost. */
export type NotificationAttemptTable = {
  org_id: OrgIdColumn;
  notification_id: string;
  attempt: number;
  channel: ChannelName;
  provider: string | null;
  /** The provider account's name (Africa's Talking `username`); null on texts from before 20270501_6102. */
  account: string | null;
  /** The organization whose own account sent it (its org_id); null: the deployment's account. */
  account_org_id: string | null;
  status: AttemptStatus;
  provider_message_id: string | null;
  provider_status: string | null;
  failure_reason: string | null;
  sender_id: string | null;
  encoding: 'GSM-7' | 'UCS-2' | null;
  segments: number | null;
  cost_text: string | null;
  /** bigint, read as a string. */
  cost_minor: ColumnType<string | null, number | null | undefined, number | null>;
  cost_currency: string | null;
  claimed_at: Date;
  accepted_at: Date | null;
  reported_at: Date | null;
};

export type NotificationTables = {
  notification: NotificationTable;
  notification_event: NotificationEventTable;
  notification_attempt: NotificationAttemptTable;
  outbox_sender: OutboxSenderTable;
};
