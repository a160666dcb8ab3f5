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

/** One channel as `GET /api/health/channels` counts it. */
export interface ChannelCounts {
  channel: string;
  failed: number;
  stuck: number;
  /** Replies and notifications the channel never confirmed: the person may not have seen them. */
  unconfirmed: number;
  failuresInRow: number;
  lastFailure: { code: string; message: string } | null;
}

/**
 * The channels that need a look: some of their messages failed, are stuck or were never confirmed, or
 * their last sends failed. A quiet channel says nothing; the dashboard says once that all is well.
 */
export function channelsWithProblems(items: ReadonlyArray<ChannelCounts>): ChannelCounts[] {
  return items
    .filter((c) => c.failed > 0 || c.stuck > 0 || c.unconfirmed > 0 || c.failuresInRow > 0)
    .sort((a, b) => a.channel.localeCompare(b.channel));
}
