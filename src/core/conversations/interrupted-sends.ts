import { sql } from '../../platform/db/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import type { Ctx } from '../context/index.ts';
import type { MessageChannel } from './channel.types.ts';
import { conversationKey, processConversationJob } from './conversations.queue.ts';
import type { ConversationsRuntime } from './conversations.runtime.ts';

// A reply is claimed (`sending`) right before its request is written (`deliverReplies`), and recorded
// after. A process that dies in between leaves it `sending`; whether it reached the channel is then
// unknown. The conversation's next run marks it `unconfirmed` (waiting-messages.ts) and never sends it
// from there; `resendUnconfirmed` settles it by what a reporting channel said: a reply the channel
// reported is `sent` (record-delivery-status.ts), and one it never reported never reached it and is sent
// again (issue 55: every message the person got an acknowledgement for gets its answer, and none two).

type ReportingChannel = MessageChannel & Required<Pick<MessageChannel, 'reportsSends'>>;

/** The chat channels that report every message they accepted (`reportsSends`). */
export function reportingChannels(runtime: ConversationsRuntime): ReportingChannel[] {
  return runtime.channels().filter((c): c is ReportingChannel => c.reportsSends !== undefined);
}

/**
 * Queues again the organization's `unconfirmed` replies whose channel reports every message it
 * accepted (`reportsSends`) and has not reported them within its time: they never reached it. Their
 * conversations' jobs send them, under the same reference, before anything else of the conversation.
 * A later reply to the person may have gone first (the answer to their next message): this one then
 * arrives after it, late rather than never (issue 55: marking it `superseded` instead left 18 of 40
 * buyers without the answer to one message after a kill -9). Returns how many were queued again.
 */
export async function resendUnconfirmed(
  ctx: Ctx,
  runtime: ConversationsRuntime,
  jobs: JobQueue,
): Promise<number> {
  const now = ctx.clock.now();
  let resent = 0;
  for (const channel of reportingChannels(runtime)) {
    // A report that came in time has moved its reply on: only the unreported ones go again. Raw SQL:
    // it filters on `org_id` itself.
    const { rows } = await sql<{ conversation_id: string; external_id: string }>`
      update conversation_message m set status = 'queued', status_at = ${now}
      from conversation c
      where m.org_id = ${ctx.orgId} and m.status = 'unconfirmed' and m.channel = ${channel.name}
        and m.status_at <= ${new Date(now.getTime() - channel.reportsSends.withinMs)}
        and c.id = m.conversation_id and c.org_id = m.org_id
      returning m.conversation_id, c.external_id`.execute(ctx.db);
    const conversations = new Map(rows.map((m) => [m.conversation_id, m.external_id]));
    for (const [conversationId, externalId] of conversations)
      await jobs.send(
        processConversationJob,
        { orgId: ctx.orgId, conversationId },
        { key: conversationKey(ctx.orgId, channel.name, externalId) },
      );
    resent += rows.length;
  }
  return resent;
}
