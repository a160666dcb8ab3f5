import { type Database, sql } from '../../platform/db/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { conversationKey, processConversationJob } from './conversations.queue.ts';

/**
 * How long an inbound message may wait unhandled before the sweep presumes the process handling it
 * died. Far above a step's milliseconds, and above a send's longest timeout.
 */
export const SWEEP_AFTER_MS = 20_000;

/**
 * Queues the conversation job of every conversation a dead process left behind (issue 29: chat steps
 * run in the process that stored the message, with no job on the road): an inbound message still
 * `received` for `SWEEP_AFTER_MS`, across organizations. Replies are not its business: they are the
 * outbox's rows, and its dispatcher sends the queued ones (issue 75). A conversation whose channel
 * asked to wait (`chat_channel_throttle`) is left until the wait is over. Queuing a conversation that
 * is being handled after all is harmless: the job handles waiting messages only. Returns how many
 * conversations were queued.
 */
export async function sweepConversations(
  deps: { database: Database; jobs: JobQueue },
  now: Date,
): Promise<number> {
  const stale = new Date(now.getTime() - SWEEP_AFTER_MS);
  // Cross-organization raw SQL: each row names its organization. The partial index on the waiting
  // statuses (`conversation_message_pending_idx`) keeps this off the handled rows.
  const { rows } = await sql<{
    org_id: string;
    conversation_id: string;
    channel: string;
    external_id: string;
  }>`
    select distinct m.org_id, m.conversation_id, c.channel, c.external_id
    from conversation_message m join conversation c on c.id = m.conversation_id
    where m.status = 'received' and m.status_at <= ${stale}
      and not exists (
        select 1 from chat_channel_throttle t
        where t.org_id = m.org_id and t.channel = m.channel and t.recipient in ('', c.external_id) and t.until > ${now})`.execute(
    deps.database.db,
  );
  for (const row of rows)
    await deps.jobs.send(
      processConversationJob,
      { orgId: row.org_id, conversationId: row.conversation_id },
      { key: conversationKey(row.org_id, row.channel, row.external_id) },
    );
  return rows.length;
}
