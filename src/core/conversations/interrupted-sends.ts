import { sql } from '../../platform/db/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import type { Ctx } from '../context/index.ts';
import type { MessageChannel } from './channel.types.ts';
import { ConversationsErrors } from './conversations.errors.ts';
import { conversationKey, processConversationJob } from './conversations.queue.ts';
import type { ConversationsRuntime } from './conversations.runtime.ts';

// A reply is claimed (`sending`) before it leaves and recorded after. A process that dies in between
// leaves it `sending`; what reached the channel is then unknown. The conversation's next run marks it
// `unconfirmed` (answer-waiting-messages.ts) and never sends it from there; `resendUnconfirmed` decides
// its fate without ever sending it twice to a channel that reports what it accepted, nor after a later
// reply the person already has.

type ReportingChannel = MessageChannel & Required<Pick<MessageChannel, 'reportsSends'>>;

/** The chat channels that report every message they accepted (`reportsSends`). */
export function reportingChannels(runtime: ConversationsRuntime): ReportingChannel[] {
  return runtime.channels().filter((c): c is ReportingChannel => c.reportsSends !== undefined);
}

/**
 * Queues again the organization's `unconfirmed` replies whose channel reports every message it
 * accepted (`reportsSends`) and has not reported them within its time: they never reached it. Their
 * conversations' jobs send them, under the same reference. A reply after which a later reply to the
 * same person was confirmed (`sent`, `delivered`, `read`) is not sent again but `superseded`: it
 * would land after the answer to the person's next message (issue 40: a menu 62 s after the answer it
 * led to). Decided and written in one statement per channel. Returns how many were queued again.
 */
export async function resendUnconfirmed(
  runtime: ConversationsRuntime,
  ctx: Ctx,
  jobs: JobQueue,
): Promise<number> {
  const now = ctx.clock.now();
  const superseded = ConversationsErrors.delivery_superseded();
  let resent = 0;
  for (const channel of reportingChannels(runtime)) {
    // A report that came in time has moved its reply on: only the unreported ones go again. Raw SQL:
    // it filters on `org_id` itself.
    const { rows } = await sql<{ conversation_id: string; external_id: string; status: string }>`
      with due as (
        select m.id, (
          select later.id from conversation_message later
          where later.org_id = m.org_id and later.conversation_id = m.conversation_id
            and later.direction = 'out' and later.seq > m.seq and later.status in ('sent', 'delivered', 'read')
          order by later.seq limit 1
        ) as superseded_by
        from conversation_message m
        where m.org_id = ${ctx.orgId} and m.status = 'unconfirmed' and m.channel = ${channel.name}
          and m.status_at <= ${new Date(now.getTime() - channel.reportsSends.withinMs)}
      )
      update conversation_message m
      set status = case when due.superseded_by is null then 'queued' else 'superseded' end,
        status_at = ${now},
        error = case when due.superseded_by is null then m.error else jsonb_build_object(
          'code', ${superseded.code}::text, 'message', ${superseded.message}::text,
          'supersededBy', due.superseded_by, 'firstAttempt', m.error) end
      from due, conversation c
      where m.id = due.id and m.status = 'unconfirmed' and c.id = m.conversation_id and c.org_id = m.org_id
      returning m.conversation_id, c.external_id, m.status`.execute(ctx.db);
    const queued = rows.filter((r) => r.status === 'queued');
    if (queued.length < rows.length)
      runtime.log.info(
        { channel: channel.name, superseded: rows.length - queued.length },
        'unconfirmed replies not sent again: a later reply to the person was confirmed first',
      );
    const conversations = new Map(queued.map((m) => [m.conversation_id, m.external_id]));
    for (const [conversationId, externalId] of conversations)
      await jobs.send(
        processConversationJob,
        { orgId: ctx.orgId, conversationId },
        { key: conversationKey(ctx.orgId, channel.name, externalId) },
      );
    resent += queued.length;
  }
  return resent;
}
