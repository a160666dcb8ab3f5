import { sql } from '../../platform/db/index.ts';
import type { Ctx } from '../context/index.ts';
import type { MessageChannel } from './channel.types.ts';
import { conversationKey, processConversationJob } from './conversations.queue.ts';
import type { ConversationsRuntime } from './conversations.runtime.ts';
import { type OrderedMessage, waitLimit } from './inbound-order.rules.ts';

export type { OrderedMessage } from './inbound-order.rules.ts';

/**
 * Until when a conversation's next waiting message waits for one the person made before it that has
 * not arrived (issue 40, item 9); null: it is handled now. Only on a `sequence` channel, and only while
 * a smaller number of the same account is missing (`earlierMissing`, asked only then): nobody is held
 * on a mere chance that something is on its way (issue 55).
 */
export async function heldUntil(
  ctx: Ctx,
  channel: MessageChannel | undefined,
  message: OrderedMessage,
): Promise<Date | null> {
  const order = channel?.inboundOrder;
  const limit = waitLimit(order, message);
  const now = ctx.clock.now();
  if (!channel || !order || !limit || limit.getTime() <= now.getTime()) return null;
  if (message.sequenceNo === null) return null;
  const settledBefore = new Date(now.getTime() - order.graceMs);
  return (await earlierMissing(ctx, channel.name, message.sequenceNo, settledBefore)) ? limit : null;
}

/**
 * Whether a number below `sequenceNo` of this organization's account on the channel is still missing.
 * Numbers at or below the last one already handled, or waiting since before `settledBefore`, are not
 * waited for: that one waited for them itself, as long as its grace allowed. With none such (a new bot),
 * the smallest number seen starts the sequence. Three look-ups on the partial index of numbered inbound
 * rows, each over the few rows of the last seconds. Raw SQL: it filters on `org_id` itself.
 */
async function earlierMissing(
  ctx: Ctx,
  channel: string,
  sequenceNo: string,
  settledBefore: Date,
): Promise<boolean> {
  const numbered = sql`org_id = ${ctx.orgId} and channel = ${channel} and direction = 'in'
    and sequence_no is not null and sequence_no < ${sequenceNo}::bigint`;
  const { rows } = await sql<{ missing: boolean }>`
    select (
      select count(*) from conversation_message where ${numbered} and sequence_no > f.floor
    ) < ${sequenceNo}::bigint - f.floor - 1 as missing
    from (select coalesce(
      (select max(sequence_no) from conversation_message
        where ${numbered} and (status <> 'received' or status_at <= ${settledBefore})),
      (select min(sequence_no) - 1 from conversation_message where ${numbered}),
      ${sequenceNo}::bigint - 1) as floor) f`.execute(ctx.db);
  return rows[0]?.missing ?? false;
}

/**
 * Runs the conversation's job again when its held message may be handled: a timer in this process, as
 * the hot road stores no job (issue 29); if the process dies first, the sweep queues the job.
 */
export function handleWhenDue(
  runtime: ConversationsRuntime,
  ctx: Ctx,
  conversation: { id: string; channel: string; external_id: string },
  until: Date,
): void {
  const delayMs = Math.max(1, until.getTime() - ctx.clock.now().getTime());
  runtime.log.debug({ conversationId: conversation.id, delayMs }, 'message waits for one made before it');
  setTimeout(() => {
    runtime.jobs.runNow(
      processConversationJob,
      { orgId: ctx.orgId, conversationId: conversation.id },
      { key: conversationKey(ctx.orgId, conversation.channel, conversation.external_id) },
    );
  }, delayMs).unref();
}
