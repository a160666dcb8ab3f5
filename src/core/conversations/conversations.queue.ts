import { z } from 'zod';
import { defineJob, type ScheduleSpec } from '../../platform/jobs/index.ts';

// The conversation engine's jobs, as data: use cases send them; conversations.jobs.ts binds their handlers.

/** Attempts after the first before a conversation's waiting message is set aside. */
export const PROCESS_RETRIES = 4;

/**
 * Handles the waiting messages of one conversation, oldest first. A webhook runs it in its own process
 * without storing it (`runNow`, keyed the same way); it is stored when that run fails and by the sweep.
 * Stored with `key = <org>:<channel>:<contact>` on a `key_strict_fifo` queue: one contact's messages
 * are handled one at a time and in order, with any number of workers.
 */
export const processConversationJob = defineJob({
  name: 'conversations.process-messages',
  payload: z.object({ orgId: z.string().uuid(), conversationId: z.string().uuid() }),
  policy: 'key_strict_fifo',
  retry: { limit: PROCESS_RETRIES, delaySeconds: 2, backoff: true },
  expireInSeconds: 300,
  // A step takes milliseconds: one whose process died (a web process handling it inline, or a worker)
  // is retried once its claim is 10 s stale and the monitor passes, not after the 5-minute expiry.
  heartbeatSeconds: 10,
  concurrency: 4,
});

/** Queues the conversations a dead process left unhandled (`sweepConversations`), every minute. */
export const sweepConversationsJob = defineJob({
  name: 'conversations.sweep',
  payload: z.object({}),
});

export const CONVERSATION_SCHEDULES: ScheduleSpec[] = [{ job: sweepConversationsJob, cron: '* * * * *' }];

/** The ordering key of a conversation's jobs. */
export const conversationKey = (orgId: string, channel: string, externalId: string): string =>
  `${orgId}:${channel}:${externalId}`;
