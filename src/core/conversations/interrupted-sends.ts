import type { JobQueue } from '../../platform/jobs/index.ts';
import type { Ctx } from '../context/index.ts';
import type { MessageChannel } from './channel.types.ts';
import { conversationKey, processConversationJob } from './conversations.queue.ts';
import type { ConversationsRuntime } from './conversations.runtime.ts';
import type { ConversationsTables } from './conversations.tables.ts';

// A reply is claimed (`sending`) before it leaves and recorded after. A process that dies in between
// leaves it `sending`; what reached the channel is then unknown. The conversation's next run marks it
// `unconfirmed` (process-conversation.ts) and never sends it from there; `resendUnconfirmed` decides
// its fate without ever sending it twice to a channel that reports what it accepted.

type ReportingChannel = MessageChannel & Required<Pick<MessageChannel, 'reportsSends'>>;

/** The chat channels that report every message they accepted (`reportsSends`). */
export function reportingChannels(runtime: ConversationsRuntime): ReportingChannel[] {
  return runtime.channels().filter((c): c is ReportingChannel => c.reportsSends !== undefined);
}

/**
 * Queues again the organization's `unconfirmed` replies whose channel reports every message it
 * accepted (`reportsSends`) and has not reported them within its time: they never reached it. Their
 * conversations' jobs send them, under the same reference. Returns how many were queued again.
 */
export async function resendUnconfirmed(
  runtime: ConversationsRuntime,
  ctx: Ctx,
  jobs: JobQueue,
): Promise<number> {
  const db = ctx.db.withTables<ConversationsTables>();
  const now = ctx.clock.now();
  let resent = 0;
  for (const channel of reportingChannels(runtime)) {
    // A report that came in time has moved its reply on: only the unreported ones go again.
    const queued = await db
      .updateTable('conversation_message as m')
      .from('conversation as c')
      .set({ status: 'queued', status_at: now })
      .whereRef('c.id', '=', 'm.conversation_id')
      .where('m.status', '=', 'unconfirmed')
      .where('m.channel', '=', channel.name)
      .where('m.status_at', '<=', new Date(now.getTime() - channel.reportsSends.withinMs))
      .returning(['m.conversation_id', 'c.external_id'])
      .execute();
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
