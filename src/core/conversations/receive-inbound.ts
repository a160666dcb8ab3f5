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
  /**
   * The channel's number for it in the order the person's messages were made (Telegram's update_id),
   * on a channel that orders by `sequence` (`MessageChannel.inboundOrder`).
   */
  sequence?: number;
  /**
   * A button press: the message pressed and the button's id, `<message id>:<choice id>` (Telegram's
   * callback message and data, WhatsApp's reply context and button). A repeated press within
   * `REPEATED_TAP_WINDOW_MS` is answered once.
   */
  tap?: string;
}

export interface ReceivedInbound {
  conversationId: string;
  messageId: string | null;
  duplicate: boolean;
}

/**
 * Stores an inbound message and starts its handling in this process; this is all a webhook does
 * before answering. The stored message is the durable record: handling runs in this process after the
 * conversation's earlier messages (`runNow`, one statement-free hop instead of a stored job, issue 29),
 * a failed step is stored as a job with retries, and the sweep (`sweepConversations`) queues what a
 * dead process left. A repeated delivery is not stored twice; if the first copy is still waiting it is
 * handled again, which is harmless: the step handles waiting messages only.
 */
export async function receiveInbound(
  ctx: Ctx,
  jobs: JobQueue,
  message: InboundMessage,
): Promise<ReceivedInbound> {
  const stored = await storeInbound(ctx, message);
  if (stored.waiting)
    jobs.runNow(
      processConversationJob,
      { orgId: ctx.orgId, conversationId: stored.conversationId },
      { key: conversationKey(ctx.orgId, message.channel, message.externalId) },
    );
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
  const displayName = message.displayName?.trim().slice(0, 200) || null;
  // The conversation and its message in one statement (one round trip, one commit: issue 29). Raw
  // SQL: it fills `org_id` itself. `inserted` is null for a repeated delivery.
  const { rows } = await sql<{ conversation_id: string; id: string | null; status: string | null }>`
    with c as (
      insert into conversation (org_id, channel, external_id, display_name, last_inbound_at, created_at, updated_at)
      values (${ctx.orgId}, ${message.channel}, ${message.externalId}, ${displayName}, ${sentAt}, ${now}, ${now})
      on conflict (org_id, channel, external_id) do update set
        display_name = coalesce(excluded.display_name, conversation.display_name),
        last_inbound_at = greatest(conversation.last_inbound_at, excluded.last_inbound_at),
        updated_at = excluded.updated_at
      returning id
    ), m as (
      insert into conversation_message
        (org_id, conversation_id, direction, channel, channel_message_id, sequence_no, tap_key, payload, raw, status,
         at, status_at)
      select ${ctx.orgId}, c.id, 'in', ${message.channel}, ${message.channelMessageId}, ${message.sequence ?? null}::bigint,
        ${message.tap?.slice(0, 300) ?? null},
        ${JSON.stringify(message.input ?? { kind: 'unsupported' })}::jsonb, ${JSON.stringify(message.raw ?? null)}::jsonb,
        ${message.input ? 'received' : 'unhandled'}, ${sentAt}, ${now}
      from c
      on conflict do nothing
      returning id, status
    )
    select c.id as conversation_id, m.id, m.status from c left join m on true`.execute(ctx.db);
  const conversation = { id: rows[0]!.conversation_id };
  const inserted = rows[0]!.id ? { id: rows[0]!.id, status: rows[0]!.status } : undefined;

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
