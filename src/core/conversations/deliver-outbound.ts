import { type Selectable, sql } from '../../platform/db/index.ts';
import type { AppError } from '../../platform/errors/index.ts';
import { recordSendFailure, sendFailureOf } from '../channel-health/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
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
import type { ConversationsTables, ConversationTable, OutboundStatus } from './conversations.tables.ts';
import { notBegunOf, SendNotBegun } from './send-failures.rules.ts';
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

/**
 * What became of a delivery: the replies it gave up on (`failed`, with why), and `deferredUntil` when
 * the channel asked to wait (the rest waits too).
 */
export interface DeliveryResult {
  failed: FailedReply[];
  deferredUntil?: Date;
}

/** A reply set `failed`: the channel refused it for good, or it failed on its last attempt. */
export interface FailedReply {
  id: string;
  channel: string;
  /** The error code (`send_failed` when it had none) and the channel's words. */
  code: string;
  message: string;
}

/**
 * Sends a conversation's queued replies in order. A refusal that retrying cannot fix (or any failure
 * on the last attempt) marks that message failed and moves on, so one bad message never blocks the
 * contact's queue; a send that may have reached the person is `unconfirmed` and never sent again here;
 * a channel that asks to wait holds this and the following replies (`deferredUntil`); other failures
 * throw and the job retries from the first unsent message.
 */
export async function deliverQueued(
  ctx: Ctx,
  runtime: ConversationsRuntime,
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
  if (queued.length === 0) return { failed: [] };
  const conversation = await db
    .selectFrom('conversation')
    .selectAll()
    .where('id', '=', conversationId)
    .executeTakeFirst();
  if (!conversation) return { failed: [] };
  return deliverReplies(ctx, runtime, queuedDelivery(runtime, conversation, queued), options);
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
 * (`queued` → `sending`, unless its channel holds the account or the person) at the last moment before
 * its request is written, once everything the send needs is ready (`SendOptions.beforeRequest`, issue
 * 55): a crash before that leaves it `queued`, and it is sent after the restart, in its place; only one
 * cut off after it may have reached the person (`unconfirmed`). A reply another process already claimed
 * is skipped, so a staff send racing a bot step never sends it twice.
 * A reply that goes out, or fails for a reason of the account rather than of the message, is also
 * counted on the organization's account of the channel (`core/channel-health`).
 */
export async function deliverReplies(
  ctx: Ctx,
  runtime: ConversationsRuntime,
  delivery: ReplyDelivery,
  options: { lastAttempt: boolean },
): Promise<DeliveryResult> {
  const { channel, target } = delivery;
  const failed: FailedReply[] = [];
  let unconfirmed = false;
  for (const message of delivery.messages) {
    let claimed = false;
    // Once per reply: a send tried again at once on a new connection, or asked again while the claim is
    // under way (a call given up during it), shares it.
    let claim: Promise<void> | undefined;
    const beforeRequest = () => {
      claim ??= (async () => {
        const taken = await claimUnlessHeld(ctx, delivery.channelName, target.externalId, message.id);
        if (taken.heldUntil) throw new SendNotBegun('held', taken.heldUntil);
        if (!taken.claimed) throw new SendNotBegun('taken');
        claimed = true;
      })();
      return claim;
    };
    try {
      if (!channel)
        throw ConversationsErrors.channel_not_available({ channel: delivery.channelName, permanent: true });
      const output = loadOutput(message.stored.payload, message.stored.attachment);
      const sent = await sendThroughChannel(ctx, channel, target, output, {
        reference: message.id,
        beforeRequest,
      });
      await runtime.groupCommit.sent(ctx, {
        id: message.id,
        channel: delivery.channelName,
        channelMessageId: sent.channelMessageId,
        at: ctx.clock.now(),
      });
    } catch (err) {
      // A claim still under way when the send gave up decides whether the reply is this run's.
      await claim?.catch(() => undefined);
      const notBegun = claimed ? undefined : notBegunOf(err);
      if (notBegun?.reason === 'taken') continue;
      // The channel asks to wait: this reply and the following ones stay queued until then.
      if (notBegun?.heldUntil)
        return { failed, deferredUntil: await deferConversation(ctx, runtime, target, notBegun.heldUntil) };
      const settled = await settleFailedSend(ctx, runtime, delivery, message.id, err, {
        ...options,
        claimed,
      });
      if (settled.kind === 'throttled')
        return { failed, deferredUntil: await deferConversation(ctx, runtime, target, settled.until) };
      if (settled.kind === 'retry') throw err;
      if (settled.kind === 'unconfirmed') unconfirmed = true;
      else failed.push(settled.reply);
    }
  }
  // The channel's report settles it; the sweep sends it again once that report is overdue.
  if (unconfirmed && channel?.reportsSends)
    await runtime.jobs.send(
      resendUnconfirmedJob,
      { orgId: ctx.orgId },
      { startAfter: channel.reportsSends.withinMs / 1000 + 1 },
    );
  return { failed };
}

/** What became of a reply whose send failed. */
type SettledSend =
  | { kind: 'throttled'; until: Date }
  | { kind: 'unconfirmed' }
  | { kind: 'failed'; reply: FailedReply }
  | { kind: 'retry' };

/**
 * Records what a failed send makes of its reply (issue 26):
 * - throttled (Telegram's 429 `retry_after`, WhatsApp's throughput errors): back to `queued`; the
 *   account (or that person) is held until the channel's time on the caller's clock, for every process,
 *   and the conversation's job is queued for then: no reply of this account leaves earlier, other
 *   accounts' replies are not held;
 * - ambiguous (a timeout, a 5xx, a connection cut after the request was written): `unconfirmed`, as a
 *   reply cut off by a crash after its claim; a reporting channel (WhatsApp) settles it by its `sent`
 *   status echoing our id, and sends it again if none came within `reportsSends.withinMs`; on Telegram
 *   it is not sent again (see telegram.channel.ts), and met again when the person next writes if it was
 *   the prompt they answer (`waiting-messages.ts`);
 * - refused for good (a 4xx that means "never as it is"), or any failure on the last attempt: `failed`;
 * - anything else (nothing reached the channel): back to `queued`, and the job retries.
 * Every failure but a throttle and a refusal of this message or person counts against the account, in
 * the transaction that records the reply's fate.
 */
async function settleFailedSend(
  ctx: Ctx,
  runtime: ConversationsRuntime,
  delivery: ReplyDelivery,
  messageId: string,
  err: unknown,
  options: { lastAttempt: boolean; claimed: boolean },
): Promise<SettledSend> {
  // A send that failed before its claim (the account, the service window) finds its reply still queued.
  const from: OutboundStatus[] = options.claimed ? ['sending', 'unconfirmed'] : ['queued'];
  const throttle = throttleOf(err);
  if (throttle) {
    await setReplyStatus(ctx, messageId, { status: 'queued' }, from);
    const reason = String((err as AppError).details?.reason ?? 'throttled');
    const until = await holdChannel(ctx, delivery.channelName, { ...throttle, reason });
    runtime.log.warn({ conversationId: delivery.target.id, ...throttle, until }, 'chat channel asks to wait');
    return { kind: 'throttled', until };
  }
  const failure = sendFailureOf(err);
  const refused = isPermanentDeliveryError(err);
  const ambiguous = isUnconfirmedDelivery(err);
  const giveUp = refused || options.lastAttempt;
  const status = ambiguous ? 'unconfirmed' : giveUp ? 'failed' : 'queued';
  await inTransaction(ctx, async (tx) => {
    await setReplyStatus(
      tx,
      messageId,
      { status, ...(status === 'queued' ? {} : { error: errorOf(err) }) },
      from,
    );
    if (!refused) await recordSendFailure(tx, runtime.jobs, delivery.channelName, failure);
  });
  if (ambiguous) {
    runtime.log.warn(
      { conversationId: delivery.target.id, messageId, reason: (err as AppError).details?.reason },
      'reply may have reached the person without the channel confirming it: not sent again now',
    );
    return { kind: 'unconfirmed' };
  }
  if (!giveUp) return { kind: 'retry' };
  return { kind: 'failed', reply: { id: messageId, channel: delivery.channelName, ...failure } };
}

/** What a reply's row keeps of the error that settled it. */
const errorOf = (err: unknown) => {
  const e = err as AppError;
  return { code: e.code ?? 'send_failed', message: e.message, ...(e.details ?? {}) };
};

/**
 * Sets a reply's status from one of `from`. Once claimed, the outcome lands whatever another process
 * marked meanwhile (`unconfirmed`).
 */
async function setReplyStatus(
  ctx: Ctx,
  id: string,
  to: { status: OutboundStatus; error?: object },
  from: OutboundStatus[],
) {
  await ctx.db
    .withTables<ConversationsTables>()
    .updateTable('conversation_message')
    .set({
      status: to.status,
      status_at: ctx.clock.now(),
      ...(to.error ? { error: JSON.stringify(to.error) } : {}),
    })
    .where('id', '=', id)
    .where('status', 'in', from)
    .execute();
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
 * that stands still in a test, a longer hold set meanwhile) defers again. Answers `until`.
 */
async function deferConversation(
  ctx: Ctx,
  runtime: ConversationsRuntime,
  target: ConversationTarget,
  until: Date,
): Promise<Date> {
  const delaySeconds = Math.max(1, Math.ceil((until.getTime() - ctx.clock.now().getTime()) / 1000));
  await runtime.jobs.send(
    processConversationJob,
    { orgId: ctx.orgId, conversationId: target.id },
    { key: conversationKey(ctx.orgId, target.channel, target.externalId), startAfter: delaySeconds },
  );
  return until;
}
