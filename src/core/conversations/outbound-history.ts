import { type Kysely, sql } from 'kysely';
import { PlatformErrors } from '../../platform/errors/index.ts';
import type { Ctx } from '../context/index.ts';
import type { ChannelName, NotificationStatus, NotificationTables } from '../notifications/index.ts';
import { type MessageView, toMessageView } from './conversation-view.ts';
import type { ConversationsTables, OutboundStatus } from './conversations.tables.ts';

/** What the history reads: the conversations' tables and the outbox, where every outgoing message is. */
export type HistoryTables = ConversationsTables & NotificationTables;

/**
 * Whose outbound messages: a person on a channel (the outbox's `channel` and `recipient`), or the
 * person of a conversation.
 */
export type ChatPerson = { channel: string; externalId: string } | { conversationId: string };

/**
 * An outbox row's status as the chat's history shows it (issue 75): the outbox's own, except that one
 * that can never go out as addressed is `failed` too, and past `sent` come the channel's ticks.
 */
export function chatStatusOf(
  status: NotificationStatus,
  reached: 'delivered' | 'read' | null,
): OutboundStatus {
  if (status === 'undeliverable') return 'failed';
  return status === 'sent' ? (reached ?? 'sent') : status;
}

const chatStatusSql = sql<OutboundStatus>`case n.status when 'undeliverable' then 'failed'
  when 'sent' then coalesce(n.reached, 'sent') else n.status end`;

/**
 * An outbox row as a row of the history (`MessageRow`), in the order of `MESSAGE_COLUMNS`: the history
 * is a `union all` of both, matched by position. A notification (no `payload`) shows as its text,
 * naming itself, as its copy in the history used to.
 */
const OUTBOUND_COLUMNS = [
  'n.id',
  'n.seq',
  sql<'out'>`'out'::text`.as('direction'),
  'n.channel',
  'n.provider_message_id as channel_message_id',
  sql<Record<string, unknown>>`coalesce(n.payload,
    jsonb_build_object('kind', 'text', 'text', n.body, 'notification', n.id))`.as('payload'),
  chatStatusSql.as('status'),
  sql<Record<string, unknown> | null>`case when n.last_error is not null
    then jsonb_build_object('message', n.last_error) end`.as('error'),
  sql<string>`coalesce(n.sent_by, 'notifications')`.as('sent_by'),
  'n.created_at as at',
  sql<Date>`coalesce(n.reached_at, n.sent_at, n.claimed_at, n.created_at)`.as('status_at'),
] as const;

/** The outbox's rows to a person on a chat channel (`n`), before any column is picked. */
export function outboxRowsTo(db: Kysely<HistoryTables>, person: ChatPerson) {
  const rows = db.selectFrom('notification as n');
  if (!('conversationId' in person))
    return rows
      .where('n.channel', '=', person.channel as ChannelName)
      .where('n.recipient', '=', person.externalId);
  // The conversation's one row (by id) gives the outbox's key: its index does the rest.
  return rows.where((eb) =>
    eb(
      eb.refTuple('n.channel', 'n.recipient'),
      '=',
      eb
        .selectFrom('conversation')
        .select(['channel', 'external_id'])
        .where('id', '=', person.conversationId)
        .$castTo<{ channel: ChannelName; external_id: string }>()
        .$asTuple('channel', 'external_id'),
    ),
  );
}

/**
 * The outbox's rows to a conversation's person on its channel (the bot's replies, staff messages,
 * the notifications sent to them there), as history rows, unordered; `n` is the outbox's alias.
 */
export function outboundMessages(db: Kysely<HistoryTables>, person: ChatPerson) {
  return outboxRowsTo(db, person).select(OUTBOUND_COLUMNS);
}

/** One outbound message of a conversation, as the history shows it. */
export async function outboundMessage(
  ctx: Ctx,
  conversationId: string,
  messageId: string,
): Promise<MessageView> {
  const row = await outboundMessages(ctx.db.withTables<HistoryTables>(), { conversationId })
    .where('n.id', '=', messageId)
    .executeTakeFirst();
  if (!row) throw PlatformErrors.not_found({ id: messageId }, { message: 'No such message' });
  return toMessageView(row);
}
