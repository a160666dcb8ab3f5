import type { JobQueue } from '../../platform/jobs/index.ts';
import type { Ctx } from '../context/index.ts';
import { conversationKey, processConversationJob } from './conversations.queue.ts';
import type { ConversationsRuntime } from './conversations.runtime.ts';
import type { ConversationsTables } from './conversations.tables.ts';

// A reply is claimed (`sending`) before it leaves and recorded after. A process that dies in between
// leaves it `sending`; what reached the channel is then unknown. These two steps decide its fate
// without ever sending it twice to a channel that reports what it accepted.

/**
 * Marks the conversation's replies still `sending` as `unconfirmed`: the conversation's job runs
 * again only after the process that claimed them let go of it, so that process stopped before it
 * recorded the outcome. They may have reached the person and are not sent now; a delivery report
 * naming one by our id records it (`recordDeliveryStatus`), and `resendUnconfirmed` sends again those
 * a reporting channel never reported. Returns the longest wait of their channels' reports (0: none).
 */
export async function unconfirmInterrupted(
  runtime: ConversationsRuntime,
  ctx: Ctx,
  conversationId: string,
): Promise<number> {
  const interrupted = await ctx.db
    .withTables<ConversationsTables>()
    .updateTable('conversation_message')
    .set({ status: 'unconfirmed', status_at: ctx.clock.now() })
    .where('conversation_id', '=', conversationId)
    .where('direction', '=', 'out')
    .where('status', '=', 'sending')
    .returning(['id', 'channel'])
    .execute();
  if (interrupted.length === 0) return 0;
  runtime.log.warn(
    { conversationId, messages: interrupted.map((m) => m.id) },
    'replies cut off mid-send: not sent again until their channel has had time to report them',
  );
  return Math.max(0, ...interrupted.map((m) => runtime.channel(m.channel)?.reportsSends?.withinMs ?? 0));
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
  const now = ctx.clock.now().getTime();
  const unconfirmed = await db
    .selectFrom('conversation_message')
    .select(['id', 'channel', 'status_at'])
    .where('status', '=', 'unconfirmed')
    .execute();
  const due = unconfirmed
    .filter((m) => {
      const reports = runtime.channel(m.channel)?.reportsSends;
      return reports !== undefined && m.status_at.getTime() + reports.withinMs <= now;
    })
    .map((m) => m.id);
  if (due.length === 0) return 0;
  // A report that arrived meanwhile has moved the reply on: only those still unconfirmed go again.
  const queued = await db
    .updateTable('conversation_message as m')
    .from('conversation as c')
    .set({ status: 'queued', status_at: ctx.clock.now() })
    .whereRef('c.id', '=', 'm.conversation_id')
    .where('m.id', 'in', due)
    .where('m.status', '=', 'unconfirmed')
    .returning(['m.conversation_id', 'c.channel', 'c.external_id'])
    .execute();
  const conversations = new Map(queued.map((m) => [m.conversation_id, m]));
  for (const c of conversations.values())
    await jobs.send(
      processConversationJob,
      { orgId: ctx.orgId, conversationId: c.conversation_id },
      { key: conversationKey(ctx.orgId, c.channel, c.external_id) },
    );
  return queued.length;
}
