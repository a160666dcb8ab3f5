import type { Clock } from '../../platform/clock/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { type JobHandler, type JobOutcome, type JobQueue, workFailed } from '../../platform/jobs/index.ts';
import type { Ctx } from '../context/index.ts';
import { answerWaitingMessages } from './answer-waiting-messages.ts';
import type { FailedReply } from './conversation-row.ts';
import { ConversationsErrors } from './conversations.errors.ts';
import { PROCESS_RETRIES, processConversationJob, sweepConversationsJob } from './conversations.queue.ts';
import type { ConversationsRuntime } from './conversations.runtime.ts';
import type { ConversationsTables } from './conversations.tables.ts';
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
   * aside as `unhandled`: a failed job would block this contact's queue for good. Either way the job
   * answers what failed (a reply given up, a message set aside) so the jobs screen says so.
   */
  const processMessages = processConversationJob.handle(async (payload, run) => {
    const ctx = deps.systemCtx(payload.orgId, processConversationJob.name);
    const lastAttempt = run.attempt > PROCESS_RETRIES;
    try {
      const { failed } = await answerWaitingMessages(ctx, runtime, payload.conversationId);
      return repliesNotSent(failed);
    } catch (err) {
      if (!lastAttempt) throw err;
      runtime.log.error({ err, conversationId: payload.conversationId }, 'conversation message given up');
      await setAsideWaitingMessages(ctx, payload.conversationId, err);
      const reason = String(err);
      return workFailed(
        ConversationsErrors.message_not_handled(
          { reason },
          { message: `A message could not be handled and was set aside: ${reason}` },
        ),
      );
    }
  });

  const sweep = sweepConversationsJob.handle(async () => {
    await sweepConversations(deps, deps.clock.now());
  });

  return [processMessages, sweep];
}

/** What a job reports of the replies it gave up on: the first one's reason, and how many there were. */
function repliesNotSent(failed: ReadonlyArray<FailedReply>): JobOutcome | undefined {
  const first = failed[0];
  if (!first) return undefined;
  return workFailed(
    ConversationsErrors.reply_not_sent(
      { channel: first.channel, reason: first.message, code: first.code, replies: failed.map((f) => f.id) },
      { message: `The reply could not be sent through ${first.channel}: ${first.message}` },
    ),
  );
}

/** Marks the conversation's unhandled inbound messages as given up, with why. */
async function setAsideWaitingMessages(ctx: Ctx, conversationId: string, err: unknown): Promise<void> {
  await ctx.db
    .withTables<ConversationsTables>()
    .updateTable('conversation_message')
    .set({ status: 'unhandled', error: JSON.stringify({ code: 'gave_up', message: String(err) }) })
    .where('conversation_id', '=', conversationId)
    .where('direction', '=', 'in')
    .where('status', '=', 'received')
    .execute();
}
