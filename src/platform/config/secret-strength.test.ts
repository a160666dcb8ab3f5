import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { estimateBits, MIN_SECRET_BITS } from './secret-strength.ts';

describe('estimateBits', () => {
  it('counts a repeated chunk once, and a season and a year as two words', () => {
    // Issue 61 item 5: `Summer2026!` × 3 started production.
    const once = estimateBits('Summer2026!');
    expect(estimateBits('Summer2026!'.repeat(3)) - once).toBeLessThan(10);
    expect(once).toBeLessThan(40);
    expect(estimateBits('Summer2026!'.repeat(3))).toBeLessThan(MIN_SECRET_BITS);
  });

  it('scores a passphrase of dictionary words as words, not as random letters', () => {
    // Issue 61 item 5: `correcthorsebatterystaple2026opsdesk` started production.
    for (const key of [
      'correcthorsebatterystaple2026opsdesk',
      'CorrectHorseBatteryStaple2026Opsdesk',
      'correct horse battery staple 2026',
      'correct-horse-battery-staple-2026-opsdesk',
      'correct_horse_battery_staple_opsdesk_2026',
    ])
      expect(estimateBits(key), key).toBeLessThan(MIN_SECRET_BITS);
    // The letters alone: two bits each (a word of a list of a few thousand per six letters), not five.
    expect(estimateBits('correcthorsebatterystaple')).toBeLessThanOrEqual(2 * 25);
  });

  it('keeps random keys far above the bar: openssl rand -base64 32, 64 hex characters', () => {
    for (let i = 0; i < 1000; i++) {
      expect(estimateBits(randomBytes(32).toString('base64'))).toBeGreaterThan(2 * MIN_SECRET_BITS);
      expect(estimateBits(randomBytes(32).toString('hex'))).toBeGreaterThan(2 * MIN_SECRET_BITS);
      expect(estimateBits(randomBytes(16).toString('hex'))).toBeGreaterThan(MIN_SECRET_BITS);
    }
  });

  it('judges a very long key on its first 256 characters, at once', () => {
    const started = performance.now();
    expect(estimateBits('a'.repeat(100_000))).toBeLessThan(20);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
