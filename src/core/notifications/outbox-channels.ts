import type { MessageChannel } from '../conversations/index.ts';
import { chatNotificationChannel } from './chat-notifications.ts';
import type { NotificationChannel } from './notification-channel.ts';
import { CHANNELS, type ChannelName } from './notifications.rules.ts';

const addressed = (channel: MessageChannel): channel is MessageChannel & { name: ChannelName } =>
  (CHANNELS as ReadonlyArray<string>).includes(channel.name);

/**
 * Every channel the outbox sends through, by name: the notification channels (e-mail) and the
 * chat channels it addresses (WhatsApp, Telegram; not the simulator), each through its one path.
 */
export function outboxChannels(
  notificationChannels: ReadonlyArray<NotificationChannel>,
  chatChannels: ReadonlyArray<MessageChannel>,
): ReadonlyMap<ChannelName, NotificationChannel> {
  const channels = new Map<ChannelName, NotificationChannel>();
  const add = (channel: NotificationChannel) => {
    if (channels.has(channel.name)) throw new Error(`two outbox channels are named ${channel.name}`);
    channels.set(channel.name, channel);
  };
  for (const channel of notificationChannels) add(channel);
  for (const channel of chatChannels) if (addressed(channel)) add(chatNotificationChannel(channel));
  return channels;
}
