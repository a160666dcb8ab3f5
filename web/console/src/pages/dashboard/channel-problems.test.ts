import { describe, expect, it } from 'vitest';
import { type ChannelCounts, channelsWithProblems, unconfiguredChannels } from './channel-problems.ts';

describe('channels on the dashboard', () => {
  it('counts undeliverable messages once per channel that is not configured', () => {
    const wall = [
      ...Array.from({ length: 37 }, () => ({
        channel: 'whatsapp',
        lastError: 'channel_not_configured: no token',
      })),
      { channel: 'telegram', lastError: 'channel_not_configured: no bot' },
      { channel: 'email', lastError: 'invalid_recipient: bad address' },
    ];
    expect(unconfiguredChannels(wall)).toEqual([
      { channel: 'telegram', count: 1 },
      { channel: 'whatsapp', count: 37 },
    ]);
  });

  it('says nothing when every channel delivers', () => {
    expect(unconfiguredChannels([{ channel: 'email', lastError: 'invalid_recipient: x' }])).toEqual([]);
  });

  it('names the channels whose messages failed, are stuck or unconfirmed, or whose last sends failed', () => {
    const counts = (channel: string, patch: Partial<ChannelCounts> = {}): ChannelCounts => ({
      channel,
      failed: 0,
      stuck: 0,
      unconfirmed: 0,
      failuresInRow: 0,
      lastFailure: null,
      ...patch,
    });
    const items = [
      counts('whatsapp', { stuck: 2 }),
      counts('email'),
      counts('telegram', { failed: 5, failuresInRow: 5 }),
    ];
    expect(channelsWithProblems(items).map((c) => c.channel)).toEqual(['telegram', 'whatsapp']);
    expect(channelsWithProblems([counts('email', { failuresInRow: 1 })])).toHaveLength(1);
    expect(channelsWithProblems([counts('telegram', { unconfirmed: 3 })])).toHaveLength(1);
    expect(channelsWithProblems([counts('email')])).toEqual([]);
  });
});
