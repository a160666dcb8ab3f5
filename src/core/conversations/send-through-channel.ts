import type { Ctx } from '../context/index.ts';
import type { MessageChannel, Recipient, SendOptions } from './channel.types.ts';
import { deliveryRefused } from './conversations.errors.ts';
import type { Output } from './flow.types.ts';
import { insideServiceWindow } from './outbound.rules.ts';

/**
 * The one way a message leaves through a chat channel (bot replies, staff messages, notifications):
 * the channel's service window is checked here on the caller's clock, so no path can skip it, and
 * only then does the channel send; `options.beforeRequest` runs right before the request is written.
 */
export async function sendThroughChannel(
  ctx: Ctx,
  channel: MessageChannel,
  to: Recipient,
  output: Output,
  options?: SendOptions,
): Promise<{ channelMessageId: string | null }> {
  if (channel.configured && !(await channel.configured(ctx)))
    throw deliveryRefused(
      'channel_not_configured',
      `This organization has not configured ${channel.name}: nothing can be sent through it`,
      { channel: channel.name },
    );
  if (!insideServiceWindow(channel.serviceWindowMs, output, to.lastInboundAt, ctx.clock.now())) {
    const hours = Math.round((channel.serviceWindowMs ?? 0) / 3_600_000);
    throw deliveryRefused(
      `${channel.name}_window_closed`,
      `The person last wrote more than ${hours} hours ago (or never): ${channel.name} accepts only approved templates until they write again`,
      { lastInboundAt: to.lastInboundAt?.toISOString() ?? null },
    );
  }
  // A channel that cannot say when its request is written has it begun here.
  if (options?.beforeRequest && !channel.callsBeforeRequest) await options.beforeRequest();
  return channel.send(ctx, to, output, options);
}
