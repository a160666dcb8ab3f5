import { PlatformErrors } from '../../platform/errors/index.ts';
import type { Ctx } from '../context/index.ts';
import {
  type ConversationView,
  MESSAGE_COLUMNS,
  type MessageView,
  toConversationView,
  toMessageView,
} from './conversation-view.ts';
import { ConversationsErrors } from './conversations.errors.ts';
import type { ConversationsTables } from './conversations.tables.ts';
import { type HistoryTables, outboundMessages, outboxRowsTo } from './outbound-history.ts';

export interface ConversationQuery {
  channel?: string;
  paused?: boolean;
  contactId?: string;
  /** The people's ids on the channel (Telegram user ids): how a module finds its admins' chats. */
  externalIds?: ReadonlyArray<string>;
  limit: number;
  /** `updatedAt` of the last row of the previous page. */
  before?: Date;
}

/** Conversations of the organization, most recently active first. */
export async function listConversations(ctx: Ctx, q: ConversationQuery): Promise<ConversationView[]> {
  let query = ctx.db
    .withTables<ConversationsTables>()
    .selectFrom('conversation')
    .selectAll()
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(q.limit);
  if (q.channel) query = query.where('channel', '=', q.channel);
  if (q.contactId) query = query.where('contact_id', '=', q.contactId);
  if (q.externalIds) {
    if (q.externalIds.length === 0) return [];
    query = query.where('external_id', 'in', [...q.externalIds]);
  }
  if (q.paused !== undefined) query = query.where('paused_at', q.paused ? 'is not' : 'is', null);
  if (q.before) query = query.where('updated_at', '<', q.before);
  return (await query.execute()).map(toConversationView);
}

/** One conversation. */
export async function getConversation(ctx: Ctx, id: string): Promise<ConversationView> {
  const row = await ctx.db
    .withTables<ConversationsTables>()
    .selectFrom('conversation')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw ConversationsErrors.conversation_not_found({ id });
  return toConversationView(row);
}

/** A conversation's messages in order, in and out; `afterSeq` pages forward. */
export async function listMessages(
  ctx: Ctx,
  conversationId: string,
  page: { limit: number; afterSeq?: number },
): Promise<MessageView[]> {
  const conversation = await getConversation(ctx, conversationId);
  return messagesOf(ctx, conversation, page);
}

/**
 * A conversation's history: what the person sent (`conversation_message`) and the outbox's rows to
 * them, in one order (both tables take their `seq` from `message_seq`), paged in one query.
 */
export async function messagesOf(
  ctx: Ctx,
  conversation: Pick<ConversationView, 'id' | 'channel' | 'externalId'>,
  page: { limit?: number; afterSeq?: number } = {},
): Promise<MessageView[]> {
  const db = ctx.db.withTables<HistoryTables>();
  const after = page.afterSeq === undefined ? undefined : String(page.afterSeq);
  const inbound = db
    .selectFrom('conversation_message')
    .select([...MESSAGE_COLUMNS])
    .where('conversation_id', '=', conversation.id)
    .$if(after !== undefined, (q) => q.where('seq', '>', after!));
  const outbound = outboundMessages(db, conversation).$if(after !== undefined, (q) =>
    q.where('n.seq', '>', after!),
  );
  const rows = await inbound
    .unionAll(outbound)
    .orderBy('seq')
    .$if(page.limit !== undefined, (q) => q.limit(page.limit!))
    .execute();
  return rows.map(toMessageView);
}

/** The file a message carried (a QR pass image, a receipt PDF), for staff screens and the simulator. */
export async function messageAttachment(
  ctx: Ctx,
  conversationId: string,
  messageId: string,
): Promise<{ bytes: Buffer; mime: string; fileName: string }> {
  const db = ctx.db.withTables<HistoryTables>();
  // Files mostly go out (a reply's pass, a receipt): the outbox is asked first.
  const row =
    (await outboxRowsTo(db, { conversationId })
      .select(['n.attachment', 'n.payload'])
      .where('n.id', '=', messageId)
      .executeTakeFirst()) ??
    (await db
      .selectFrom('conversation_message')
      .select(['attachment', 'payload'])
      .where('conversation_id', '=', conversationId)
      .where('id', '=', messageId)
      .executeTakeFirst());
  const file = (row?.payload as { file?: { mime?: string; fileName?: string } } | null | undefined)?.file;
  if (!row?.attachment || !file)
    throw PlatformErrors.not_found({ id: messageId }, { message: 'This message carries no file' });
  return {
    bytes: Buffer.from(row.attachment),
    mime: file.mime ?? 'application/octet-stream',
    fileName: file.fileName ?? 'file',
  };
}
