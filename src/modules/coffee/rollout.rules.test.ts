import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BatchCounts, compareAlarms, judgeCanary, rolloutReach } from './coffee.rules.ts';

const counts = (succeeded: number, failed: number, pending = 0, cancelled = 0): BatchCounts => ({
  total: succeeded + failed + pending + cancelled,
  succeeded,
  failed,
  pending,
  cancelled,
});

describe('the canary stage of a rollout (issue 41, item 15)', () => {
  it('waits until every canary machine has answered, whatever has failed so far', () => {
    expect(judgeCanary(counts(0, 2, 1), 50)).toBe('wait');
    expect(judgeCanary(counts(2, 0, 1), 50)).toBe('wait');
  });

  it('canary 34 %, abort 50 %, 1 of 3 failed: holds (it never goes on by itself past a failure)', () => {
    expect(judgeCanary(counts(2, 1), 50)).toBe('hold');
  });

  it('aborts past the threshold, holds at or under it with a failure, goes on only with none', () => {
    expect(judgeCanary(counts(1, 2), 50)).toBe('abort');
    expect(judgeCanary(counts(1, 1), 50)).toBe('hold'); // exactly 50 %: not past it
    expect(judgeCanary(counts(3, 0), 50)).toBe('proceed');
    expect(judgeCanary(counts(0, 0, 0, 3), 50)).toBe('abort'); // nobody answered
  });

  it('never proceeds with a failed machine, never judges with one waiting', () => {
    fc.assert(
      fc.property(
        fc.nat(50),
        fc.nat(50),
        fc.nat(5),
        fc.integer({ min: 1, max: 100 }),
        (ok, failed, pending, percent) => {
          const v = judgeCanary(counts(ok, failed, pending), percent);
          if (pending > 0) expect(v).toBe('wait');
          if (v === 'proceed') expect(failed).toBe(0);
          if (v === 'abort' && ok + failed > 0) expect(failed * 100).toBeGreaterThan(percent * (ok + failed));
        },
      ),
    );
  });
});

describe("a rollout's reach", () => {
  it('says 4 of 6 ran it and 2 failed, and not that it runs everywhere', () => {
    expect(rolloutReach([counts(2, 1), counts(2, 1)])).toEqual({
      machines: 6,
      succeeded: 4,
      failed: 2,
      pending: 0,
      notSent: 0,
      everywhere: false,
    });
  });

  it('runs everywhere only when every machine of every stage succeeded', () => {
    expect(rolloutReach([counts(3, 0), counts(3, 0)]).everywhere).toBe(true);
    expect(rolloutReach([counts(3, 0), counts(2, 0, 1)]).everywhere).toBe(false);
    expect(rolloutReach([counts(3, 0), counts(2, 0, 0, 1)]).everywhere).toBe(false);
    expect(rolloutReach([]).everywhere).toBe(false);
  });
});

describe('the order alarms are read in (issue 41, item 17)', () => {
  it('puts the most severe first, and within a severity the newest', () => {
    const alarms = [
      { id: 'old critical', severity: 'critical' as const, raisedAt: '2026-11-24T08:00:00Z' },
      { id: 'newest info', severity: 'info' as const, raisedAt: '2026-11-24T10:00:00Z' },
      { id: 'warning', severity: 'warn' as const, raisedAt: '2026-11-24T09:00:00Z' },
      { id: 'new critical', severity: 'critical' as const, raisedAt: '2026-11-24T09:30:00Z' },
    ];
    expect([...alarms].sort(compareAlarms).map((a) => a.id)).toEqual([
      'new critical',
      'old critical',
      'warning',
      'newest info',
    ]);
  });
});
