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
  ctx: Ctx,
  runtime: ConversationsRuntime,
  conversationId: string,
  output: Output,
): Promise<MessageView> {
  const messageId = await queueStaffMessage(ctx, runtime, conversationId, output);
  return deliverStaffMessage(ctx, runtime, conversationId, messageId);
}

/**
 * Stores a staff message as queued, in the caller's transaction: the part an `Idempotency-Key`
 * covers, so a retried request stores (and sends) it once. Answers the message's id.
 */
export async function queueStaffMessage(
  ctx: Ctx,
  runtime: ConversationsRuntime,
  conversationId: string,
  output: Output,
): Promise<string> {
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
  return row.id;
}

/**
 * Sends what the conversation has queued (a committed staff message among it) and answers that
 * message as it stands; with `send: false` (a replayed request, whose first sending is under way or
 * done) it only answers it. A message the channel refused is `delivery_refused`.
 */
export async function deliverStaffMessage(
  ctx: Ctx,
  runtime: ConversationsRuntime,
  conversationId: string,
  messageId: string,
  options: { send?: boolean } = {},
): Promise<MessageView> {
  if (options.send !== false) await deliverQueued(ctx, runtime, conversationId, { lastAttempt: true });
  const sent = await ctx.db
    .withTables<ConversationsTables>()
    .selectFrom('conversation_message')
    .select([...MESSAGE_COLUMNS])
    .where('id', '=', messageId)
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
