import type { Ctx } from '../context/index.ts';
import { MESSAGE_COLUMNS, type MessageView, toMessageView } from './conversation-view.ts';
import { ConversationsErrors } from './conversations.errors.ts';
import type { ConversationsRuntime } from './conversations.runtime.ts';
import type { ConversationsTables } from './conversations.tables.ts';
import { deliverQueued } from './deliver-outbound.ts';
import type { Output } from './flow.types.ts';
import { checkOutputs } from './output.rules.ts';
import { storeOutput } from './stored-output.ts';

/**
 * A staff member writes to the person (typically after taking the conversation over). Sent at
 * once and kept in the history; a channel refusal (WhatsApp's 24-hour window) is recorded as a
 * failed message and reported to the caller.
 */
export async function sendStaffMessage(
  runtime: ConversationsRuntime,
  ctx: Ctx,
  conversationId: string,
  output: Output,
): Promise<MessageView> {
  checkOutputs([output], 'staff message');
  const db = ctx.db.withTables<ConversationsTables>();
  const conversation = await db
    .selectFrom('conversation')
    .select(['id', 'channel'])
    .where('id', '=', conversationId)
    .executeTakeFirst();
  if (!conversation) throw ConversationsErrors.conversation_not_found({ id: conversationId });
  if (!runtime.channel(conversation.channel))
    throw ConversationsErrors.channel_not_available({ channel: conversation.channel });
  const now = ctx.clock.now();
  const { payload, attachment } = storeOutput(output);
  const row = await db
    .insertInto('conversation_message')
    .values({
      conversation_id: conversation.id,
      direction: 'out',
      channel: conversation.channel,
      payload: JSON.stringify(payload),
      attachment,
      status: 'queued',
      sent_by: ctx.actor.label,
      at: now,
      status_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await deliverQueued(runtime, ctx, conversation.id, { lastAttempt: true });
  const sent = await db
    .selectFrom('conversation_message')
    .select([...MESSAGE_COLUMNS])
    .where('id', '=', row.id)
    .executeTakeFirstOrThrow();
  if (sent.status === 'failed') {
    // Whatever stopped it (a closed window, a missing channel), staff see one refusal; the stored
    // cause (its code, the channel's reason) travels in the details.
    const { message, ...cause } = sent.error ?? {};
    throw ConversationsErrors.delivery_refused(
      { messageId: sent.id, ...cause },
      { message: String(message ?? 'The channel refused the message') },
    );
  }
  return toMessageView(sent);
}
