import type { Ctx } from '../context/index.ts';
import { conversationKey, processConversationJob } from './conversations.queue.ts';
import type { ConversationsRuntime } from './conversations.runtime.ts';
import type { ConversationsTables } from './conversations.tables.ts';
import type { StoredInput } from './flow.types.ts';
import { createGroupCommit, type GroupCommit, type InboundWrite } from './group-commit.ts';
import type { Arrival } from './inbound-arrivals.ts';

/** One message as a channel hands it over, already normalized. */
export interface InboundMessage {
  channel: string;
  externalId: string;
  displayName?: string | null;
  /** The channel's own id (WhatsApp wamid, Telegram update id): deliveries of one id are acted on once. */
  channelMessageId: string;
  /** null: a kind no flow understands (sticker, location): stored, never answered. */
  input: StoredInput | null;
  raw: unknown;
  /** When the person sent it, as the channel says. */
  sentAt?: Date;
  /**
   * The channel's number for it in the order the person's messages were made (Telegram's update_id),
   * on a channel that orders by `sequence` (`MessageChannel.inboundOrder`).
   */
  sequence?: number;
  /**
   * A button press: the message pressed and the button's id, `<message id>:<choice id>` (Telegram's
   * callback message and data, WhatsApp's reply context and button). A repeated press within
   * `REPEATED_TAP_WINDOW_MS` is answered once.
   */
  tap?: string;
  /**
   * Its place among the person's messages, taken when its request arrived (`InboundArrivals`): it is
   * stored after, and handled no sooner than, the ones that arrived before it. Settled here.
   */
  arrival?: Arrival;
}

export interface ReceivedInbound {
  conversationId: string;
  messageId: string | null;
  duplicate: boolean;
}

/**
 * Stores an inbound message and starts its handling in this process; this is all a webhook does
 * before answering, and it answers only once the batch of the app's group commit (`rt.groupCommit`)
 * holding the message committed (issue 43). The stored message is the durable record: handling runs in this process after the
 * conversation's earlier messages (`runNow`, one statement-free hop instead of a stored job, issue 29),
 * a failed step is stored as a job with retries, and the sweep (`sweepConversations`) queues what a
 * dead process left. A repeated delivery is not stored twice; if the first copy is still waiting it is
 * handled again, which is harmless: the step handles waiting messages only.
 */
export async function receiveInbound(
  ctx: Ctx,
  rt: Pick<ConversationsRuntime, 'jobs' | 'groupCommit'>,
  message: InboundMessage,
): Promise<ReceivedInbound> {
  const { arrival } = message;
  let stored: Awaited<ReturnType<typeof storeInbound>>;
  try {
    stored = await storeInbound(ctx, message, rt.groupCommit);
  } finally {
    arrival?.settle();
  }
  // The job reads every waiting message: it starts once the ones that arrived before are stored too.
  await arrival?.earlierSettled();
  if (stored.waiting)
    rt.jobs.runNow(
      processConversationJob,
      { orgId: ctx.orgId, conversationId: stored.conversationId },
      { key: conversationKey(ctx.orgId, message.channel, message.externalId) },
    );
  return { conversationId: stored.conversationId, messageId: stored.messageId, duplicate: stored.duplicate };
}

/**
 * Stores an inbound message once; `waiting` tells whether it still needs handling. With the app's
 * group commit (`writes`) the message goes with the others stored at the same moment, and this
 * resolves once that batch committed (issue 43); without, in a statement of its own.
 */
export async function storeInbound(
  ctx: Ctx,
  message: InboundMessage,
  writes?: GroupCommit,
): Promise<ReceivedInbound & { waiting: boolean }> {
  const db = ctx.db.withTables<ConversationsTables>();
  const now = ctx.clock.now();
  const sentAt = message.sentAt && message.sentAt.getTime() < now.getTime() ? message.sentAt : now;
  // The conversation and its message in one statement (one round trip, one commit: issue 29), shared
  // with the other messages of the batch when there is one.
  const write: InboundWrite = {
    channel: message.channel,
    externalId: message.externalId,
    displayName: message.displayName?.trim().slice(0, 200) || null,
    channelMessageId: message.channelMessageId,
    sequence: message.sequence ?? null,
    tap: message.tap?.slice(0, 300) ?? null,
    payload: JSON.stringify(message.input ?? { kind: 'unsupported' }),
    raw: JSON.stringify(message.raw ?? null),
    status: message.input ? 'received' : 'unhandled',
    sentAt,
    now,
  };
  // Handed to the store after the person's earlier messages, so their order of arrival is the order
  // they are stored in (`seq`), whatever order the webhook's awaits finished in.
  await message.arrival?.turn();
  const storing = (writes ?? createGroupCommit({ maxBatch: 1 })).inbound(ctx, write);
  message.arrival?.handed();
  const stored = await storing;
  const inserted = stored.messageId ? { id: stored.messageId, status: stored.status } : undefined;

  let waiting = inserted?.status === 'received';
  if (!inserted) {
    const prior = await db
      .selectFrom('conversation_message')
      .select('status')
      .where('direction', '=', 'in')
      .where('channel', '=', message.channel)
      .where('channel_message_id', '=', message.channelMessageId)
      .executeTakeFirst();
    waiting = prior?.status === 'received';
  }
  return {
    conversationId: stored.conversationId,
    messageId: inserted?.id ?? null,
    duplicate: !inserted,
    waiting,
  };
}
