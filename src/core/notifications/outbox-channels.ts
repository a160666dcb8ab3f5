import type { NotificationChannel } from './notification-channel.ts';
import type { ChannelName } from './notifications.rules.ts';

/**
 * Every channel the outbox sends through, by name: the notification channels (e-mail, SMS) and the
 * chat channels (`chatOutboxChannels` in core/conversations: WhatsApp, Telegram), each one path.
 */
export function outboxChannels(
  channels: ReadonlyArray<NotificationChannel>,
): ReadonlyMap<ChannelName, NotificationChannel> {
  const byName = new Map<ChannelName, NotificationChannel>();
  for (const channel of channels) {
    if (byName.has(channel.name)) throw new Error(`two outbox channels are named ${channel.name}`);
    byName.set(channel.name, channel);
  }
  return byName;
}
