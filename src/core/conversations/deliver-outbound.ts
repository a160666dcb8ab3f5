import { type Selectable, sql } from '../../platform/db/index.ts';
import type { AppError } from '../../platform/errors/index.ts';
import type { Ctx } from '../context/index.ts';
import { resolveLocale } from '../i18n/index.ts';
import type { ConversationTarget, MessageChannel } from './channel.types.ts';
import { holdChannel } from './channel-throttles.ts';
import {
  ConversationsErrors,
  isPermanentDeliveryError,
  isUnconfirmedDelivery,
  throttleOf,
} from './conversations.errors.ts';
import { conversationKey, processConversationJob, resendUnconfirmedJob } from './conversations.queue.ts';
import type { ConversationsRuntime } from './conversations.runtime.ts';
import type { ConversationsTables, ConversationTable } from './conversations.tables.ts';
import { sendThroughChannel } from './send-through-channel.ts';
import { loadOutput, type storeOutput } from './stored-output.ts';

export type ConversationRow = Selectable<ConversationTable>;

/** What a channel needs to know about a conversation. */
export function targetOf(row: ConversationRow): ConversationTarget {
  return {
    id: row.id,
    orgId: row.org_id,
    channel: row.channel,
    externalId: row.external_id,
    language: resolveLocale(row.language),
    lastInboundAt: row.last_inbound_at,
  };
}

/** What became of a delivery: `deferredUntil` when the channel asked to wait (the rest waits too). */
export interface DeliveryResult {
  deferredUntil?: Date;
}

/**
 * Sends a conversation's queued replies in order. A refusal that retrying cannot fix (or any failure
 * on the last attempt) marks that message failed and moves on, so one bad message never blocks the
 * contact's queue; a send that may have reached the person is `unconfirmed` and never sent again here;
 * a channel that asks to wait holds this and the following replies (`deferredUntil`); other failures
 * throw and the job retries from the first unsent message.
 */
export async function deliverQueued(
  runtime: ConversationsRuntime,
  ctx: Ctx,
  conversationId: string,
  options: { lastAttempt: boolean },
): Promise<DeliveryResult> {
  const db = ctx.db.withTables<ConversationsTables>();
  // Usually nothing is queued: the conversation is read only when something is.
  const queued = await db
    .selectFrom('conversation_message')
    .select(['id', 'payload', 'attachment'])
    .where('conversation_id', '=', conversationId)
    .where('direction', '=', 'out')
    .where('status', '=', 'queued')
    .orderBy('seq')
    .execute();
  if (queued.length === 0) return {};
  const conversation = await db
    .selectFrom('conversation')
    .selectAll()
    .where('id', '=', conversationId)
    .executeTakeFirst();
  if (!conversation) return {};
  return deliverReplies(runtime, ctx, queuedDelivery(runtime, conversation, queued), options);
}

/** A queued reply as stored. */
export type QueuedReply = { id: string; payload: Record<string, unknown>; attachment: Buffer | null };

/** The delivery of a conversation's stored queued replies, in the order given. */
export function queuedDelivery(
  runtime: ConversationsRuntime,
  conversation: ConversationRow,
  queued: QueuedReply[],
): ReplyDelivery {
  return {
    channel: runtime.channel(conversation.channel),
    channelName: conversation.channel,
    target: targetOf(conversation),
    messages: queued.map((m) => ({ id: m.id, stored: { payload: m.payload, attachment: m.attachment } })),
  };
}

/** Replies of one conversation to send in order: stored rows, or just committed by a step. */
export interface ReplyDelivery {
  channel: MessageChannel | undefined;
  channelName: string;
  target: ConversationTarget;
  messages: Array<{ id: string; stored: ReturnType<typeof storeOutput> }>;
}

/**
 * Sends `delivery.messages` in order, recording each one's fate (see `deliverQueued`). Each is claimed
 * (`queued` → `sending`) before it leaves: a reply another process already claimed is skipped, so a
 * staff send racing a bot step never sends it twice. The claim commits before the channel is called.
 *
 * What a failed send becomes (issue 26):
 * - refused for good (a 4xx that means "never as it is"), or any failure on the last attempt: `failed`;
 * - throttled (Telegram's 429 `retry_after`, WhatsApp's throughput errors): back to `queued`; the
 *   account (or that person) is held until the channel's time on the caller's clock, for every process,
 *   and the conversation's job is queued for then: no reply of this account leaves earlier, other
 *   accounts' replies are not held;
 * - ambiguous (a timeout, a 5xx, a connection cut after the request was written): `unconfirmed`, as a
 *   reply cut off by a crash; a reporting channel (WhatsApp) settles it by its `sent` status echoing our
 *   id, and sends it again only if none came within `reportsSends.withinMs`; on Telegram it stays
 *   unconfirmed (see telegram.channel.ts for why a repeat is worse than a loss there);
 * - anything else (nothing reached the channel): back to `queued`, and the job retries.
 */
export async function deliverReplies(
  runtime: ConversationsRuntime,
  ctx: Ctx,
  delivery: ReplyDelivery,
  options: { lastAttempt: boolean },
): Promise<DeliveryResult> {
  const db = ctx.db.withTables<ConversationsTables>();
  const { channel, target } = delivery;
  // Once claimed, the outcome lands whatever another process marked meanwhile (`unconfirmed`).
  const claimed = ['sending', 'unconfirmed'] as const;
  let unconfirmed = false;
  let heldUntil: Date | null = null;
  for (const message of delivery.messages) {
    const claim = await claimUnlessHeld(ctx, delivery.channelName, target.externalId, message.id);
    heldUntil = claim.heldUntil;
    if (heldUntil) break;
    if (!claim.claimed) continue;
    try {
      if (!channel)
        throw ConversationsErrors.channel_not_available({ channel: delivery.channelName, permanent: true });
      const output = loadOutput(message.stored.payload, message.stored.attachment);
      const sent = await sendThroughChannel(ctx, channel, target, output, { reference: message.id });
      await runtime.recordSent(ctx, {
        id: message.id,
        channelMessageId: sent.channelMessageId,
        at: ctx.clock.now(),
      });
    } catch (err) {
      const e = err as AppError;
      const throttle = throttleOf(err);
      if (throttle) {
        await db
          .updateTable('conversation_message')
          .set({ status: 'queued', status_at: ctx.clock.now() })
          .where('id', '=', message.id)
          .where('status', 'in', claimed)
          .execute();
        const reason = String(e.details?.reason ?? 'throttled');
        const until = await holdChannel(ctx, delivery.channelName, { ...throttle, reason });
        runtime.log.warn({ conversationId: target.id, ...throttle, until }, 'chat channel asks to wait');
        return deferConversation(runtime, ctx, target, until);
      }
      if (isUnconfirmedDelivery(err)) {
        await db
          .updateTable('conversation_message')
          .set({
            status: 'unconfirmed',
            error: JSON.stringify({ code: e.code, message: e.message, ...(e.details ?? {}) }),
            status_at: ctx.clock.now(),
          })
          .where('id', '=', message.id)
          .where('status', 'in', claimed)
          .execute();
        runtime.log.warn(
          { conversationId: target.id, messageId: message.id, reason: e.details?.reason },
          'reply may have reached the person without the channel confirming it: not sent again now',
        );
        unconfirmed = true;
        continue;
      }
      const giveUp = isPermanentDeliveryError(err) || options.lastAttempt;
      await db
        .updateTable('conversation_message')
        .set(
          giveUp
            ? {
                status: 'failed',
                error: JSON.stringify({
                  code: e.code ?? 'send_failed',
                  message: e.message,
                  ...(e.details ?? {}),
                }),
                status_at: ctx.clock.now(),
              }
            : { status: 'queued', status_at: ctx.clock.now() },
        )
        .where('id', '=', message.id)
        .where('status', 'in', claimed)
        .execute();
      if (!giveUp) throw err;
    }
  }
  // The channel's report settles it; the sweep sends it again once that report is overdue.
  if (unconfirmed && channel?.reportsSends)
    await runtime.jobs.send(
      resendUnconfirmedJob,
      { orgId: ctx.orgId },
      { startAfter: channel.reportsSends.withinMs / 1000 + 1 },
    );
  return heldUntil ? deferConversation(runtime, ctx, target, heldUntil) : {};
}

/**
 * Claims a queued reply (`queued` → `sending`) unless its channel holds the account or that person
 * (`channelHeldUntil`), in one statement: the hold is looked at as each reply is claimed.
 */
async function claimUnlessHeld(
  ctx: Ctx,
  channel: string,
  externalId: string,
  messageId: string,
): Promise<{ claimed: boolean; heldUntil: Date | null }> {
  const now = ctx.clock.now();
  const { rows } = await sql<{ held_until: Date | null; claimed: boolean }>`
    with held as (
      select max(until) as until from chat_channel_throttle
      where org_id = ${ctx.orgId} and channel = ${channel} and recipient in ('', ${externalId}) and until > ${now}
    ), claim as (
      update conversation_message set status = 'sending', status_at = ${now}
      where org_id = ${ctx.orgId} and id = ${messageId} and status = 'queued' and (select until from held) is null
      returning id
    )
    select (select until from held) as held_until, exists (select 1 from claim) as claimed`.execute(ctx.db);
  return { claimed: rows[0]!.claimed, heldUntil: rows[0]!.held_until };
}

/**
 * Queues the conversation's job for when its channel lets it send again. The wait is given to the
 * queue as a delay from now on the caller's clock; a run that finds the hold still ahead (a clock
 * that stands still in a test, a longer hold set meanwhile) defers again.
 */
async function deferConversation(
  runtime: ConversationsRuntime,
  ctx: Ctx,
  target: ConversationTarget,
  until: Date,
): Promise<DeliveryResult> {
  const delaySeconds = Math.max(1, Math.ceil((until.getTime() - ctx.clock.now().getTime()) / 1000));
  await runtime.jobs.send(
    processConversationJob,
    { orgId: ctx.orgId, conversationId: target.id },
    { key: conversationKey(ctx.orgId, target.channel, target.externalId), startAfter: delaySeconds },
  );
  return { deferredUntil: until };
}
