import { sql } from '../../platform/db/index.ts';
import type { Ctx } from '../context/index.ts';
import type { MessageChannel } from './channel.types.ts';
import { conversationKey, processConversationJob } from './conversations.queue.ts';
import type { ConversationsRuntime } from './conversations.runtime.ts';
import { holdUntil, type OrderedMessage } from './inbound-order.rules.ts';

export type { OrderedMessage } from './inbound-order.rules.ts';

/**
 * Until when a conversation's next waiting message waits for one the person made before it that has
 * not arrived (issue 40, item 9); null: it is handled now. Only on a `sequence` channel, and only while
 * a smaller number of the same account was missing when the message was read (`earlierMissingSql`):
 * nobody is held on a mere chance that something is on its way (issue 55).
 */
export function heldUntil(
  ctx: Ctx,
  channel: MessageChannel | undefined,
  message: OrderedMessage,
): Date | null {
  return holdUntil(channel?.inboundOrder, message, ctx.clock.now());
}

/** The channels that number their messages, each with the moment its grace began (now less the grace). */
export type SequencedChannels = { names: string[]; settledBefore: Date[] };

export function sequencedChannels(channels: ReadonlyArray<MessageChannel>, now: Date): SequencedChannels {
  const ordered = channels.filter((c) => c.inboundOrder && c.inboundOrder.graceMs > 0);
  return {
    names: ordered.map((c) => c.name),
    settledBefore: ordered.map((c) => new Date(now.getTime() - c.inboundOrder!.graceMs)),
  };
}

/**
 * Whether a number below the waiting inbound message `m`'s, of its organization's account on its
 * channel, is still missing: a column of the statement that reads `m` (issue 64, item 4), so an earlier
 * message stored while the job reads is either read with `m` (and goes first) or missing (and `m`
 * waits); a check of its own, after the read, found it stored and handled `m` before it. False on a
 * channel that does not number (or never waits). Numbers at or below the last one already handled, or
 * waiting since before the channel's grace began, are not waited for: that one waited for them itself,
 * as long as its grace allowed. With none such (a new bot), the smallest number seen starts the
 * sequence. Three look-ups on the partial index of numbered inbound rows, each over the few rows of
 * the last seconds, made only for a numbered message.
 */
export function earlierMissingSql(sequenced: SequencedChannels) {
  const numbered = sql`e.org_id = m.org_id and e.channel = m.channel and e.direction = 'in'
    and e.sequence_no is not null and e.sequence_no < m.sequence_no`;
  return sql<boolean>`(select case
      when s.settled_before is null or m.direction <> 'in' or m.sequence_no is null then false
      else (select (
          select count(*) from conversation_message e where ${numbered} and e.sequence_no > f.floor
        ) < m.sequence_no - f.floor - 1
        from (select coalesce(
          (select max(e.sequence_no) from conversation_message e
            where ${numbered} and (e.status <> 'received' or e.status_at <= s.settled_before)),
          (select min(e.sequence_no) - 1 from conversation_message e where ${numbered}),
          m.sequence_no - 1) as floor) f)
    end from (select (select x.settled_before
      from unnest(${sequenced.names}::text[], ${sequenced.settledBefore}::timestamptz[]) x(name, settled_before)
      where x.name = m.channel) as settled_before) s)`;
}

/**
 * Runs the conversation's job again when its held message may be handled: a timer in this process, as
 * the hot road stores no job (issue 29); if the process dies first, the sweep queues the job.
 */
export function handleWhenDue(
  ctx: Ctx,
  runtime: ConversationsRuntime,
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
