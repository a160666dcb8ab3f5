import { describe, expect, it } from 'vitest';
import {
  batchBucket,
  binLevel,
  dailyUseFrom,
  daysUntilEmpty,
  formatDeviceToken,
  isOffline,
  parseDeviceToken,
  retryDelaySeconds,
  shouldAbortBatch,
  supportsCommand,
} from './coffee.rules.ts';

const id = '0b5e7a3c-1d2f-4e6a-9b8c-7d6e5f4a3b2c';

describe('coffee rules', () => {
  it('reads back the device id and secret of a token it formatted, and nothing else', () => {
    const secret = 'a'.repeat(43);
    expect(parseDeviceToken(formatDeviceToken(id, secret))).toEqual({ deviceId: id, secret });
    expect(parseDeviceToken(`cfd_${id}_short`)).toBeUndefined();
    expect(parseDeviceToken('')).toBeUndefined();
  });

  it('refuses a command type the model cannot run; unknown models run the basic set', () => {
    expect(supportsCommand('CM-100', 'make_product')).toBe(true);
    expect(supportsCommand('CM-100', 'apply_recipes')).toBe(false);
    expect(supportsCommand('XYZ', 'restart')).toBe(true);
    expect(supportsCommand('XYZ', 'open_door')).toBe(false);
  });

  it('aborts a batch only after the minimum finished and above the percentage', () => {
    const c = (succeeded: number, failed: number) => ({
      total: 200,
      succeeded,
      failed,
      pending: 0,
      cancelled: 0,
    });
    expect(shouldAbortBatch(c(5, 4), 10, 10)).toBe(false);
    expect(shouldAbortBatch(c(9, 1), 10, 10)).toBe(false); // exactly 10 %: not past it
    expect(shouldAbortBatch(c(8, 2), 10, 10)).toBe(true);
  });

  it('counts every final state once: succeeded, failed (incl. timed out, expired, unsupported), pending, cancelled', () => {
    expect(['queued', 'sent'].map(batchBucket)).toEqual(['pending', 'pending']);
    expect(['failed', 'timed_out', 'expired', 'unsupported'].map(batchBucket)).toEqual([
      'failed',
      'failed',
      'failed',
      'failed',
    ]);
    expect(batchBucket('cancelled')).toBe('cancelled');
  });

  it('backs off retries exponentially with a cap', () => {
    expect([1, 2, 3, 10].map(retryDelaySeconds)).toEqual([5, 10, 20, 300]);
  });

  it('grades bins with one boundary: at the threshold is low', () => {
    const bin = { capacity: 1000, lowPct: 20, criticalPct: 5 };
    expect(binLevel({ ...bin, remaining: 0 })).toBe('empty');
    expect(binLevel({ ...bin, remaining: 50 })).toBe('critical');
    expect(binLevel({ ...bin, remaining: 200 })).toBe('low');
    expect(binLevel({ ...bin, remaining: 201 })).toBe('normal');
  });

  it('predicts days until empty from daily use, ignoring refills', () => {
    const t0 = new Date('2026-12-01T00:00:00Z');
    const t1 = new Date('2026-12-02T00:00:00Z');
    expect(dailyUseFrom({ remaining: 900, at: t0 }, { remaining: 700, at: t1 }, null)).toBe(200);
    expect(dailyUseFrom({ remaining: 100, at: t0 }, { remaining: 900, at: t1 }, 150)).toBe(150);
    expect(daysUntilEmpty(700, 200)).toBe(3.5);
    expect(daysUntilEmpty(700, null)).toBeNull();
  });

  it('calls a device offline only past the threshold', () => {
    const seen = new Date('2026-12-01T10:00:00Z');
    expect(isOffline(seen, new Date('2026-12-01T10:05:00Z'), 5)).toBe(false);
    expect(isOffline(seen, new Date('2026-12-01T10:05:01Z'), 5)).toBe(true);
    expect(isOffline(null, new Date(), 5)).toBe(false);
  });
});
