/** One outbox message the way the dashboard reads it. */
export interface UndeliverableMessage {
  channel: string;
  lastError: string | null;
}

/**
 * Messages that can never go out because their channel is not set up, grouped by channel: the
 * dashboard says "WhatsApp is not configured (37 messages)" once instead of a wall of red rows.
 */
export function unconfiguredChannels(
  items: ReadonlyArray<UndeliverableMessage>,
): { channel: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const item of items)
    if (item.lastError?.startsWith('channel_not_configured'))
      counts.set(item.channel, (counts.get(item.channel) ?? 0) + 1);
  return [...counts]
    .map(([channel, count]) => ({ channel, count }))
    .sort((a, b) => a.channel.localeCompare(b.channel));
}
