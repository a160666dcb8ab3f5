import type { Selectable } from '../../platform/db/index.ts';
import type { AppError } from '../../platform/errors/index.ts';
import type { Ctx } from '../context/index.ts';
import { resolveLocale } from '../i18n/index.ts';
import type { ConversationTarget, MessageChannel } from './channel.types.ts';
import { ConversationsErrors, isPermanentDeliveryError } from './conversations.errors.ts';
import type { ConversationsRuntime } from './conversations.runtime.ts';
import type { ConversationsTables, ConversationTable } from './conversations.tables.ts';
import { sendThroughChannel } from './send-through-channel.ts';
import { loadOutput, type storeOutput } from './stored-output.ts';

export type ConversationRow = Selectable<ConversationTable>;

/** What a channel needs to know about a conversation. */
export function targetOf(row: ConversationRow): ConversationTarget {
  return {
    id: row.id,
    orgId: row.org_id,
    channel: row.channel,
    externalId: row.external_id,
    language: resolveLocale(row.language),
    lastInboundAt: row.last_inbound_at,
  };
}

/**
 * Sends a conversation's queued replies in order. A refusal that retrying cannot fix (or any failure
 * on the last attempt) marks that message failed and moves on, so one bad message never blocks the
 * contact's queue; other failures throw and the job retries from the first unsent message.
 */
export async function deliverQueued(
  runtime: ConversationsRuntime,
  ctx: Ctx,
  conversationId: string,
  options: { lastAttempt: boolean },
): Promise<void> {
  const db = ctx.db.withTables<ConversationsTables>();
  // Usually nothing is queued: the conversation is read only when something is.
  const queued = await db
    .selectFrom('conversation_message')
    .select(['id', 'payload', 'attachment'])
    .where('conversation_id', '=', conversationId)
    .where('direction', '=', 'out')
    .where('status', '=', 'queued')
    .orderBy('seq')
    .execute();
  if (queued.length === 0) return;
  const conversation = await db
    .selectFrom('conversation')
    .selectAll()
    .where('id', '=', conversationId)
    .executeTakeFirst();
  if (!conversation) return;
  await deliverReplies(
    runtime,
    ctx,
    {
      channel: runtime.channel(conversation.channel),
      channelName: conversation.channel,
      target: targetOf(conversation),
      messages: queued.map((m) => ({ id: m.id, stored: { payload: m.payload, attachment: m.attachment } })),
    },
    options,
  );
}

/** Replies of one conversation to send in order: stored rows, or just committed by a step. */
export interface ReplyDelivery {
  channel: MessageChannel | undefined;
  channelName: string;
  target: ConversationTarget;
  messages: Array<{ id: string; stored: ReturnType<typeof storeOutput> }>;
}

/**
 * Sends `delivery.messages` in order, recording each one's fate (see `deliverQueued`). Each is claimed
 * (`queued` → `sending`) before it leaves: a reply another process already claimed is skipped, so a
 * staff send racing a bot step never sends it twice. The claim commits before the channel is called.
 */
export async function deliverReplies(
  _runtime: ConversationsRuntime,
  ctx: Ctx,
  delivery: ReplyDelivery,
  options: { lastAttempt: boolean },
): Promise<void> {
  const db = ctx.db.withTables<ConversationsTables>();
  const { channel, target } = delivery;
  // Once claimed, the outcome lands whatever another process marked meanwhile (`unconfirmed`).
  const claimed = ['sending', 'unconfirmed'] as const;
  for (const message of delivery.messages) {
    const claim = await db
      .updateTable('conversation_message')
      .set({ status: 'sending', status_at: ctx.clock.now() })
      .where('id', '=', message.id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    if (claim.numUpdatedRows === 0n) continue;
    try {
      if (!channel)
        throw ConversationsErrors.channel_not_available({ channel: delivery.channelName, permanent: true });
      const output = loadOutput(message.stored.payload, message.stored.attachment);
      const sent = await sendThroughChannel(ctx, channel, target, output, { reference: message.id });
      await db
        .updateTable('conversation_message')
        .set({ status: 'sent', channel_message_id: sent.channelMessageId, status_at: ctx.clock.now() })
        .where('id', '=', message.id)
        .where('status', 'in', claimed)
        .execute();
    } catch (err) {
      const giveUp = isPermanentDeliveryError(err) || options.lastAttempt;
      const e = err as AppError;
      await db
        .updateTable('conversation_message')
        .set(
          giveUp
            ? {
                status: 'failed',
                error: JSON.stringify({
                  code: e.code ?? 'send_failed',
                  message: e.message,
                  ...(e.details ?? {}),
                }),
                status_at: ctx.clock.now(),
              }
            : { status: 'queued', status_at: ctx.clock.now() },
        )
        .where('id', '=', message.id)
        .where('status', 'in', claimed)
        .execute();
      if (!giveUp) throw err;
    }
  }
}
