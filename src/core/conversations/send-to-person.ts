import type { Ctx } from '../context/index.ts';
import { resolveLocale } from '../i18n/index.ts';
import type { MessageChannel, Recipient, SendOptions } from './channel.types.ts';
import { channelHeldUntil, holdChannel } from './channel-throttles.ts';
import { deliveryThrottled, throttleOf } from './conversations.errors.ts';
import type { ConversationsTables } from './conversations.tables.ts';
import type { Output } from './flow.types.ts';
import { insideServiceWindow } from './outbound.rules.ts';
import { sendThroughChannel } from './send-through-channel.ts';

export interface PersonMessage {
  /** The person's id on the channel (WhatsApp wa_id, Telegram chat id). */
  externalId: string;
  /** Used when the person has no conversation yet. */
  language: string;
  outputs: ReadonlyArray<Output>;
  /** Sent instead of `outputs` when the channel's service window is closed (an approved template). */
  outsideWindow?: Output;
  /** Our id of the message, carried where the channel echoes it in its reports (the outbox row's id). */
  reference?: string;
  /** Runs right before the first request is written (the outbox claims its attempt there). */
  beforeRequest?: () => Promise<void>;
}

/**
 * Sends an outbox message (a bot's reply, a staff message, a notification) to a person through the
 * chat channel's one path: the service window runs from the person's last message in their
 * conversation on this channel (none: the window is closed), and an account (or person) the channel
 * asked to wait is not sent to before then. The outbox row is the message and its history. Answers
 * the channel's id of the last message sent; a refusal throws, as `sendThroughChannel` does.
 */
export async function sendToPerson(
  ctx: Ctx,
  channel: MessageChannel,
  message: PersonMessage,
): Promise<{ channelMessageId: string | null }> {
  const conversation = await ctx.db
    .withTables<ConversationsTables>()
    .selectFrom('conversation')
    .select(['language', 'last_inbound_at'])
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
  for (const [i, output] of outputs.entries()) {
    const options: SendOptions = {
      ...(message.reference ? { reference: message.reference } : {}),
      ...(i === 0 && message.beforeRequest ? { beforeRequest: message.beforeRequest } : {}),
    };
    last = (await sendHolding(ctx, channel, to, output, options)).channelMessageId;
  }
  return { channelMessageId: last };
}

/** Sends one output; a throttle the channel answers holds its account for every later send too. */
async function sendHolding(
  ctx: Ctx,
  channel: MessageChannel,
  to: Recipient,
  output: Output,
  options: SendOptions,
): Promise<{ channelMessageId: string | null }> {
  try {
    return await sendThroughChannel(ctx, channel, to, output, options);
  } catch (err) {
    const throttle = throttleOf(err);
    if (throttle) await holdChannel(ctx, channel.name, { ...throttle, reason: `${channel.name}_throttled` });
    throw err;
  }
}
