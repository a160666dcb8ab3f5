import { sql } from '../../platform/db/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import type { Ctx } from '../context/index.ts';
import { conversationKey, processConversationJob } from './conversations.queue.ts';
import type { ConversationsTables } from './conversations.tables.ts';
import type { StoredInput } from './flow.types.ts';

/** One message as a channel hands it over, already normalized. */
export interface InboundMessage {
  channel: string;
  externalId: string;
  displayName?: string | null;
  /** The channel's own id (WhatsApp wamid, Telegram update id): deliveries of one id are acted on once. */
  channelMessageId: string;
  /** null: a kind no flow understands (sticker, location): stored, never answered. */
  input: StoredInput | null;
  raw: unknown;
  /** When the person sent it, as the channel says. */
  sentAt?: Date;
}

export interface ReceivedInbound {
  conversationId: string;
  messageId: string | null;
  duplicate: boolean;
}

/**
 * Stores an inbound message and queues its handling; this is all a webhook does before answering.
 * A repeated delivery is not stored twice; if the first copy is still waiting it is queued again
 * (its first job may have been lost), which is harmless: the job handles waiting messages only.
 */
export async function receiveInbound(
  ctx: Ctx,
  jobs: JobQueue,
  message: InboundMessage,
): Promise<ReceivedInbound> {
  const stored = await storeInbound(ctx, message);
  if (stored.waiting) {
    await jobs.send(
      processConversationJob,
      { orgId: ctx.orgId, conversationId: stored.conversationId },
      // Handled in this process right away; the stored job is the fallback (a crash, a busy key).
      { key: conversationKey(ctx.orgId, message.channel, message.externalId), runHere: true },
    );
  }
  return { conversationId: stored.conversationId, messageId: stored.messageId, duplicate: stored.duplicate };
}

/** Stores an inbound message once; `waiting` tells whether it still needs handling. */
export async function storeInbound(
  ctx: Ctx,
  message: InboundMessage,
): Promise<ReceivedInbound & { waiting: boolean }> {
  const db = ctx.db.withTables<ConversationsTables>();
  const now = ctx.clock.now();
  const sentAt = message.sentAt && message.sentAt.getTime() < now.getTime() ? message.sentAt : now;
  const conversation = await db
    .insertInto('conversation')
    .values({
      channel: message.channel,
      external_id: message.externalId,
      display_name: message.displayName?.trim().slice(0, 200) || null,
      last_inbound_at: sentAt,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['org_id', 'channel', 'external_id']).doUpdateSet({
        display_name: sql`coalesce(excluded.display_name, conversation.display_name)`,
        last_inbound_at: sql`greatest(conversation.last_inbound_at, excluded.last_inbound_at)`,
        updated_at: now,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();

  const inserted = await db
    .insertInto('conversation_message')
    .values({
      conversation_id: conversation.id,
      direction: 'in',
      channel: message.channel,
      channel_message_id: message.channelMessageId,
      payload: JSON.stringify(message.input ?? { kind: 'unsupported' }),
      raw: JSON.stringify(message.raw ?? null),
      status: message.input ? 'received' : 'unhandled',
      at: sentAt,
      status_at: now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning(['id', 'status'])
    .executeTakeFirst();

  let waiting = inserted?.status === 'received';
  if (!inserted) {
    const prior = await db
      .selectFrom('conversation_message')
      .select('status')
      .where('direction', '=', 'in')
      .where('channel', '=', message.channel)
      .where('channel_message_id', '=', message.channelMessageId)
      .executeTakeFirst();
    waiting = prior?.status === 'received';
  }
  return { conversationId: conversation.id, messageId: inserted?.id ?? null, duplicate: !inserted, waiting };
}
