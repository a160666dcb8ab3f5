import { describe, expect, it } from 'vitest';
import { unconfiguredChannels } from './channel-problems.ts';

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
});
