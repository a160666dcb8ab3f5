import type { Selectable } from '../../platform/db/index.ts';
import type { AppError } from '../../platform/errors/index.ts';
import type { Ctx } from '../context/index.ts';
import { resolveLocale } from '../i18n/index.ts';
import type { ConversationTarget } from './channel.types.ts';
import { ConversationsErrors, isPermanentDeliveryError } from './conversations.errors.ts';
import type { ConversationsRuntime } from './conversations.runtime.ts';
import type { ConversationsTables, ConversationTable } from './conversations.tables.ts';
import { sendThroughChannel } from './send-through-channel.ts';
import { loadOutput } from './stored-output.ts';

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
  const conversation = await db
    .selectFrom('conversation')
    .selectAll()
    .where('id', '=', conversationId)
    .executeTakeFirst();
  if (!conversation) return;
  const queued = await db
    .selectFrom('conversation_message')
    .select(['id', 'payload', 'attachment'])
    .where('conversation_id', '=', conversationId)
    .where('direction', '=', 'out')
    .where('status', '=', 'queued')
    .orderBy('seq')
    .execute();
  if (queued.length === 0) return;
  const channel = runtime.channel(conversation.channel);
  const target = targetOf(conversation);
  for (const message of queued) {
    try {
      if (!channel)
        throw ConversationsErrors.channel_not_available({ channel: conversation.channel, permanent: true });
      const output = loadOutput(message.payload, message.attachment);
      const sent = await sendThroughChannel(ctx, channel, target, output);
      await db
        .updateTable('conversation_message')
        .set({ status: 'sent', channel_message_id: sent.channelMessageId, status_at: ctx.clock.now() })
        .where('id', '=', message.id)
        .where('status', '=', 'queued')
        .execute();
    } catch (err) {
      if (!isPermanentDeliveryError(err) && !options.lastAttempt) throw err;
      const e = err as AppError;
      await db
        .updateTable('conversation_message')
        .set({
          status: 'failed',
          error: JSON.stringify({ code: e.code ?? 'send_failed', message: e.message, ...(e.details ?? {}) }),
          status_at: ctx.clock.now(),
        })
        .where('id', '=', message.id)
        .execute();
    }
  }
}
