import { z } from 'zod';
import { defineJob, type JobHandler } from '../../platform/jobs/index.ts';
import type { Ctx } from '../context/index.ts';
import type { ConversationsRuntime } from './conversations.runtime.ts';
import type { ConversationsTables } from './conversations.tables.ts';
import { processConversation } from './process-conversation.ts';

const RETRIES = 4;

/**
 * Handles the waiting messages of one conversation, oldest first. Queued with
 * `key = <org>:<channel>:<contact>` on a `key_strict_fifo` queue: one contact's messages are handled
 * one at a time and in order, with any number of workers.
 */
export const processConversationJob = defineJob({
  name: 'conversations.process-messages',
  payload: z.object({ orgId: z.string().uuid(), conversationId: z.string().uuid() }),
  policy: 'key_strict_fifo',
  retry: { limit: RETRIES, delaySeconds: 2, backoff: true },
  expireInSeconds: 300,
  // A step takes milliseconds: one whose process died (a web process handling it inline, or a worker)
  // is retried once its claim is 10 s stale and the monitor passes, not after the 5-minute expiry.
  heartbeatSeconds: 10,
  concurrency: 4,
});

/**
 * The job run by one app's conversation engine. On the last attempt a message that still fails is
 * set aside as `unhandled`: a failed job would block this contact's queue for good.
 */
export function processConversationHandler(
  runtime: ConversationsRuntime,
  systemCtx: (orgId: string, job: string) => Ctx,
): JobHandler {
  return processConversationJob.handle(async (payload, run) => {
    const ctx = systemCtx(payload.orgId, processConversationJob.name);
    const lastAttempt = run.attempt > RETRIES;
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
}

/** The ordering key of a conversation's jobs. */
export const conversationKey = (orgId: string, channel: string, externalId: string): string =>
  `${orgId}:${channel}:${externalId}`;
