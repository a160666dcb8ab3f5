import { sql } from '../../platform/db/index.ts';
import type { Ctx } from '../context/index.ts';
import { resolveLocale } from '../i18n/index.ts';
import type { MessageChannel, Recipient, SendOptions } from './channel.types.ts';
import { holdChannel } from './channel-throttles.ts';
import { deliveryThrottled, throttleOf } from './conversations.errors.ts';
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
  // The person's conversation (their window, their language) and any hold of the channel, in one read.
  const { rows } = await sql<{
    language: string | null;
    last_inbound_at: Date | null;
    held_until: Date | null;
  }>`
    select c.language, c.last_inbound_at, (
        select max(t.until) from chat_channel_throttle t
        where t.org_id = ${ctx.orgId} and t.channel = ${channel.name}
          and t.recipient in ('', ${message.externalId}) and t.until > ${ctx.clock.now()}) as held_until
    from (select 1) one
    left join conversation c on c.org_id = ${ctx.orgId} and c.channel = ${channel.name}
      and c.external_id = ${message.externalId}`.execute(ctx.db);
  const heldUntil = rows[0]?.held_until ?? null;
  const to: Recipient = {
    orgId: ctx.orgId,
    channel: channel.name,
    externalId: message.externalId,
    language: resolveLocale(rows[0]?.language ?? message.language),
    lastInboundAt: rows[0]?.last_inbound_at ?? null,
  };
  const windowClosed =
    message.outsideWindow !== undefined &&
    message.outputs.some(
      (o) => !insideServiceWindow(channel.serviceWindowMs, o, to.lastInboundAt, ctx.clock.now()),
    );
  const outputs = windowClosed && message.outsideWindow ? [message.outsideWindow] : message.outputs;
  // An account (or person) the channel asked to wait holds the outbox too: not delivered, tried then.
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
