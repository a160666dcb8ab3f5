import type { Clock } from '../../platform/clock/index.ts';
import type { Database } from '../../platform/db/index.ts';
import type { JobHandler, JobQueue } from '../../platform/jobs/index.ts';
import type { Ctx } from '../context/index.ts';
import {
  PROCESS_RETRIES,
  processConversationJob,
  resendUnconfirmedJob,
  sweepConversationsJob,
} from './conversations.queue.ts';
import type { ConversationsRuntime } from './conversations.runtime.ts';
import type { ConversationsTables } from './conversations.tables.ts';
import { reportingChannels, resendUnconfirmed } from './interrupted-sends.ts';
import { processConversation } from './process-conversation.ts';
import { sweepConversations } from './sweep-conversations.ts';

export interface ConversationJobsDeps {
  database: Database;
  jobs: JobQueue;
  clock: Clock;
  systemCtx(orgId: string, job: string): Ctx;
}

/** The conversation engine's job handlers, bound to one app's runtime. */
export function conversationJobs(runtime: ConversationsRuntime, deps: ConversationJobsDeps): JobHandler[] {
  /**
   * Handles a conversation's waiting messages. On the last attempt a message that still fails is set
   * aside as `unhandled`: a failed job would block this contact's queue for good.
   */
  const processMessages = processConversationJob.handle(async (payload, run) => {
    const ctx = deps.systemCtx(payload.orgId, processConversationJob.name);
    const lastAttempt = run.attempt > PROCESS_RETRIES;
    try {
      await processConversation(runtime, ctx, payload.conversationId, { lastAttempt });
    } catch (err) {
      if (!lastAttempt) throw err;
      runtime.log.error({ err, conversationId: payload.conversationId }, 'conversation message given up');
      await ctx.db
        .withTables<ConversationsTables>()
        .updateTable('conversation_message')
        .set({ status: 'unhandled', error: JSON.stringify({ code: 'gave_up', message: String(err) }) })
        .where('conversation_id', '=', payload.conversationId)
        .where('direction', '=', 'in')
        .where('status', '=', 'received')
        .execute();
    }
  });

  const resend = resendUnconfirmedJob.handle(async (payload) => {
    // Unconfirmed replies of a channel without reports stay as they are: no organization to visit.
    const channels = reportingChannels(runtime).map((c) => c.name);
    if (channels.length === 0) return;
    let orgs = deps.database.db
      .withTables<ConversationsTables>()
      .selectFrom('conversation_message')
      .select('org_id')
      .distinct()
      .where('status', '=', 'unconfirmed')
      .where('channel', 'in', channels);
    if (payload.orgId) orgs = orgs.where('org_id', '=', payload.orgId);
    for (const { org_id } of await orgs.execute())
      await resendUnconfirmed(runtime, deps.systemCtx(org_id, resendUnconfirmedJob.name), deps.jobs);
  });

  const sweep = sweepConversationsJob.handle(async () => {
    await sweepConversations(deps, deps.clock.now());
  });

  return [processMessages, resend, sweep];
}
