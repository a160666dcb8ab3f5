import type { Ctx } from '../context/index.ts';
import { queueChatMessage, reasonOfError } from '../notifications/index.ts';
import type { MessageView } from './conversation-view.ts';
import { ConversationsErrors } from './conversations.errors.ts';
import type { ConversationsRuntime } from './conversations.runtime.ts';
import type { ConversationsTables } from './conversations.tables.ts';
import type { Output } from './flow.types.ts';
import { outboundMessage } from './outbound-history.ts';
import { checkOutputs, outputText } from './output.rules.ts';
import { storeOutput } from './stored-output.ts';

/**
 * A staff member writes to the person (typically after taking the conversation over): an outbox row,
 * sent at once and part of the history; a channel refusal (WhatsApp's 24-hour window) is recorded as
 * a failed message and reported to the caller.
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
 * Stores a staff message in the outbox as queued, in the caller's transaction: the part an
 * `Idempotency-Key` covers, so a retried request stores (and sends) it once. Answers its id.
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
    .select(['id', 'channel', 'external_id', 'language'])
    .where('id', '=', conversationId)
    .executeTakeFirst();
  if (!conversation) throw ConversationsErrors.conversation_not_found({ id: conversationId });
  const channel = runtime.channel(conversation.channel);
  if (!channel) throw ConversationsErrors.channel_not_available({ channel: conversation.channel });
  const { payload, attachment } = storeOutput(output);
  return queueChatMessage(ctx, {
    channel: conversation.channel,
    to: conversation.external_id,
    locale: conversation.language ?? 'en',
    body: outputText(output) || output.kind,
    payload,
    attachment,
    sentBy: ctx.actor.label,
    sentOnCommit: channel.answersInline === true,
  });
}

/**
 * Sends a committed staff message from the outbox now (if it is the person's turn: else the
 * dispatcher sends it in order) and answers it as it stands; with `send: false` (a replayed request,
 * whose first sending is under way or done) it only answers it. One the channel refused is
 * `delivery_refused`.
 */
export async function deliverStaffMessage(
  ctx: Ctx,
  runtime: ConversationsRuntime,
  conversationId: string,
  messageId: string,
  options: { send?: boolean } = {},
): Promise<MessageView> {
  if (options.send !== false) await runtime.outbox.sendNow(ctx, [messageId]);
  const sent = await outboundMessage(ctx, conversationId, messageId);
  if (sent.status === 'failed') {
    // Whatever stopped it (a closed window, a missing channel), staff see one refusal; the outbox keeps
    // why as `<reason>: <the channel's words>`, and the reason travels in the details.
    const recorded = String((sent.error as { message?: unknown } | null)?.message ?? '');
    const { reason, words } = reasonOfError(recorded);
    throw ConversationsErrors.delivery_refused(
      { messageId: sent.id, ...(reason ? { reason } : {}) },
      { message: words || 'The channel refused the message' },
    );
  }
  return sent;
}
