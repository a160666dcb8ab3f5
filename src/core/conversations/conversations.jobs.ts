import { z } from 'zod';
import { defineJob } from '../../platform/jobs/index.ts';

export const processConversationPayload = z.object({
  orgId: z.string().uuid(),
  conversationId: z.string().uuid(),
});

/**
 * Handles the waiting messages of one conversation, oldest first. Queued with
 * `key = <org>:<channel>:<contact>` on a `key_strict_fifo` queue: one contact's messages are handled
 * one at a time and in order, with any number of workers. The handler is bound in the area.
 */
export const processConversationJob = defineJob({
  name: 'conversations.process-messages',
  payload: processConversationPayload,
  policy: 'key_strict_fifo',
  async run() {},
});

/** The ordering key of a conversation's jobs. */
export const conversationKey = (orgId: string, channel: string, externalId: string): string =>
  `${orgId}:${channel}:${externalId}`;
