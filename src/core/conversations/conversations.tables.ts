import type { ColumnType, Generated } from 'kysely';
import type { OrgIdColumn } from '../../platform/db/index.ts';
import type { Locale } from '../i18n/index.ts';
import type { NotificationStatus } from '../notifications/index.ts';

type Timestamp = ColumnType<Date, Date | undefined, Date>;
type Json<T> = ColumnType<T, string | undefined, string>;

export type InboundStatus = 'received' | 'processed' | 'held' | 'unhandled';
/**
 * An outgoing message's status as the history shows it (`MessageView.status`). The message itself is an
 * outbox row (`notification`, issue 75), whose status it is (`chatStatusOf`, outbound-history.ts), with
 * the channel's ticks `delivered` and `read` past `sent`. `superseded` is only in histories kept from
 * before issue 55.
 */
export type OutboundStatus =
  | Exclude<NotificationStatus, 'undeliverable'>
  | 'superseded'
  | 'delivered'
  | 'read';
export type MessageStatus = InboundStatus | OutboundStatus;

export type ConversationTable = {
  id: Generated<string>;
  org_id: OrgIdColumn;
  channel: string;
  external_id: string;
  contact_id: string | null;
  display_name: string | null;
  flow: string | null;
  state: string | null;
  context: Json<Record<string, unknown>>;
  pending_prompt: string | null;
  /** The replies of the last step: the prompt the person answers next (issue 40, item 12). */
  last_step_replies: ColumnType<string[], string[] | undefined, string[]>;
  /** Whether the last step only asked again a prompt that never left (it is asked again once). */
  last_step_repeated: ColumnType<boolean, boolean | undefined, boolean>;
  language: Locale | null;
  version: ColumnType<number, number | undefined, number>;
  paused_at: Date | null;
  paused_by: string | null;
  last_inbound_at: Date | null;
  last_activity_at: Date | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: Timestamp;
};

export type ConversationMessageTable = {
  seq: Generated<string>;
  id: Generated<string>;
  org_id: OrgIdColumn;
  conversation_id: string;
  direction: 'in' | 'out';
  channel: string;
  channel_message_id: string | null;
  /**
   * Inbound: the channel's own number for the message in the order the person made their messages
   * (Telegram's update_id); null where the channel only dates them (`at`). A bigint: read as a string.
   */
  sequence_no: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  /** Inbound button presses: `<message pressed>:<choice id>`, to answer a repeated press once. */
  tap_key: ColumnType<string | null, string | null | undefined, string | null>;
  payload: Json<Record<string, unknown>>;
  /**
   * Inbound, once handled: where the conversation stood when its step began (flow, state, context,
   * pending prompt), for a message made before it that arrives late (issue 55).
   */
  started_from: Json<Record<string, unknown> | null>;
  attachment: Buffer | null;
  raw: ColumnType<unknown, string | null | undefined, string | null>;
  status: MessageStatus;
  error: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  sent_by: string | null;
  at: Timestamp;
  status_at: Timestamp;
};

export type ConversationsTables = {
  conversation: ConversationTable;
  conversation_message: ConversationMessageTable;
};
