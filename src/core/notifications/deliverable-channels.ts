import type { Ctx } from '../context/index.ts';
import type { NotificationChannel } from './notification-channel.ts';
import { CHANNELS, type ChannelName } from './notifications.rules.ts';

/**
 * The outbox channels that can deliver for the caller's organization now: enabled in this app
 * and configured (an SMTP relay, a WhatsApp number, a Telegram bot). A screen says "on its way"
 * only for these; for the others it says the message cannot be delivered and what to set up.
 * Call it outside a transaction: chat channels read their accounts through the app's own pool,
 * which on PGlite waits for an open transaction to end.
 */
export async function deliverableChannels(
  ctx: Ctx,
  outbox: { channels(): ReadonlyMap<ChannelName, NotificationChannel> },
): Promise<Set<ChannelName>> {
  const channels = outbox.channels();
  const deliverable = new Set<ChannelName>();
  for (const name of CHANNELS) {
    const channel = channels.get(name);
    if (channel && (!channel.configured || (await channel.configured(ctx)))) deliverable.add(name);
  }
  return deliverable;
}
