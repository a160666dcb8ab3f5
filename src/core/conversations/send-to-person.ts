import type { Ctx } from '../context/index.ts';
import { resolveLocale } from '../i18n/index.ts';
import type { MessageChannel, Recipient } from './channel.types.ts';
import { channelHeldUntil, holdChannel } from './channel-throttles.ts';
import { deliveryThrottled, throttleOf } from './conversations.errors.ts';
import type { ConversationsTables } from './conversations.tables.ts';
import type { Output } from './flow.types.ts';
import { insideServiceWindow } from './outbound.rules.ts';
import { sendThroughChannel } from './send-through-channel.ts';
import { storeOutput } from './stored-output.ts';

export interface PersonMessage {
  /** The person's id on the channel (WhatsApp wa_id, Telegram chat id). */
  externalId: string;
  /** Used when the person has no conversation yet. */
  language: string;
  outputs: ReadonlyArray<Output>;
  /** Who sent it, for the history (`notifications`). */
  sentBy: string;
  /** Kept with each message in the history (`{ notification: id }`). */
  note?: Record<string, unknown>;
  /** Sent instead of `outputs` when the channel's service window is closed (an approved template). */
  outsideWindow?: Output;
  /**
   * Applied to every text the history keeps of what was sent (a one-time code the outbox masks):
   * the person receives the message as given, the history shows it redacted.
   */
  redact?: (text: string) => string;
  /** Our id of the message, carried where the channel echoes it in its reports (the notification's id). */
  reference?: string;
}

/**
 * Sends what the business starts (the outbox's chat notifications) to a person through the same
 * path as bot replies: the service window runs from the person's last message in their
 * conversation on this channel, and each output sent joins that conversation's history (a person
 * without a conversation gets the message unrecorded, or refused by a windowed channel). Answers
 * the channel's id of the last message sent; a refusal throws, as `sendThroughChannel` does.
 */
export async function sendToPerson(
  ctx: Ctx,
  channel: MessageChannel,
  message: PersonMessage,
): Promise<{ channelMessageId: string | null }> {
  const db = ctx.db.withTables<ConversationsTables>();
  const conversation = await db
    .selectFrom('conversation')
    .select(['id', 'language', 'last_inbound_at'])
    .where('channel', '=', channel.name)
    .where('external_id', '=', message.externalId)
    .executeTakeFirst();
  const to: Recipient = {
    orgId: ctx.orgId,
    channel: channel.name,
    externalId: message.externalId,
    language: resolveLocale(conversation?.language ?? message.language),
    lastInboundAt: conversation?.last_inbound_at ?? null,
  };
  const windowClosed =
    message.outsideWindow !== undefined &&
    message.outputs.some(
      (o) => !insideServiceWindow(channel.serviceWindowMs, o, to.lastInboundAt, ctx.clock.now()),
    );
  const outputs = windowClosed && message.outsideWindow ? [message.outsideWindow] : message.outputs;
  // An account (or person) the channel asked to wait holds the outbox too: not delivered, tried then.
  const heldUntil = await channelHeldUntil(ctx, channel.name, message.externalId);
  if (heldUntil)
    throw deliveryThrottled(
      `${channel.name}_held`,
      `${channel.name} asked to wait until ${heldUntil.toISOString()}`,
      {
        account: channel.name,
        retryAfterMs: heldUntil.getTime() - ctx.clock.now().getTime(),
      },
    );
  let last: string | null = null;
  for (const output of outputs) {
    last = (await sendHolding(ctx, channel, to, output, message.reference)).channelMessageId;
    if (!conversation) continue;
    const now = ctx.clock.now();
    const { payload, attachment } = storeOutput(output);
    const kept = message.redact ? redactStrings(payload, message.redact) : payload;
    await db
      .insertInto('conversation_message')
      .values({
        conversation_id: conversation.id,
        direction: 'out',
        channel: channel.name,
        channel_message_id: last,
        payload: JSON.stringify({ ...kept, ...message.note }),
        attachment,
        status: 'sent',
        sent_by: message.sentBy,
        at: now,
        status_at: now,
      })
      .execute();
  }
  return { channelMessageId: last };
}

/** Every string inside a stored payload passed through `redact` (texts, buttons, template parameters). */
function redactStrings<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactStrings(v, redact)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactStrings(v, redact)])) as T;
  return value;
}

/** Sends one output; a throttle the channel answers holds its account for every later send too. */
async function sendHolding(
  ctx: Ctx,
  channel: MessageChannel,
  to: Recipient,
  output: Output,
  reference: string | undefined,
): Promise<{ channelMessageId: string | null }> {
  try {
    return await sendThroughChannel(ctx, channel, to, output, reference ? { reference } : undefined);
  } catch (err) {
    const throttle = throttleOf(err);
    if (throttle) await holdChannel(ctx, channel.name, { ...throttle, reason: `${channel.name}_throttled` });
    throw err;
  }
}
