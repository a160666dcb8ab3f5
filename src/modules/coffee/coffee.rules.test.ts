import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  batchBucket,
  binLevel,
  commandParamIssues,
  daysUntilEmpty,
  formatDeviceToken,
  isOffline,
  MIN_USE_WINDOW_HOURS,
  materialAlarms,
  materialsLacking,
  nextUseEstimate,
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

  it('predicts days until empty from use measured over a day, ignoring refills', () => {
    const t0 = new Date('2026-12-01T00:00:00Z');
    const t1 = new Date('2026-12-02T00:00:00Z');
    const first = nextUseEstimate({ dailyUse: null, since: null }, { remaining: 900, at: t0 });
    expect(first).toEqual({ dailyUse: null, since: { remaining: 900, at: t0 } });
    expect(nextUseEstimate(first, { remaining: 700, at: t1 })).toEqual({
      dailyUse: 200,
      since: { remaining: 700, at: t1 },
    });
    const refilled = nextUseEstimate(
      { dailyUse: 150, since: { remaining: 100, at: t0 } },
      { remaining: 900, at: t1 },
    );
    expect(refilled).toEqual({ dailyUse: 150, since: { remaining: 900, at: t1 } });
    expect(daysUntilEmpty(700, 200)).toBe(3.5);
    expect(daysUntilEmpty(700, null)).toBeNull();
  });

  it('does not extrapolate two reports a second apart (issue 30: 1.4 t a day, empty in 0 days at 88 %)', () => {
    const t0 = new Date('2026-12-01T08:00:00Z');
    const first = nextUseEstimate({ dailyUse: null, since: null }, { remaining: 1776, at: t0 });
    const second = nextUseEstimate(first, { remaining: 1760, at: new Date(t0.getTime() + 1000) });
    expect(second).toEqual(first);
    expect(daysUntilEmpty(1760, second.dailyUse)).toBeNull();
  });

  it('adds up frequent reports over the window instead of judging each pair', () => {
    const t0 = Date.parse('2026-12-01T00:00:00Z');
    let estimate = nextUseEstimate({ dailyUse: null, since: null }, { remaining: 2000, at: new Date(t0) });
    // a report every minute for seven hours, 1 g a minute: 1440 g a day
    for (let m = 1; m <= 7 * 60; m++)
      estimate = nextUseEstimate(estimate, { remaining: 2000 - m, at: new Date(t0 + m * 60_000) });
    expect(estimate.dailyUse).toBe(1440);
  });

  const sample = fc.record({
    remaining: fc.integer({ min: 0, max: 100_000 }),
    at: fc.date({
      min: new Date('2026-01-01T00:00:00Z'),
      max: new Date('2027-01-01T00:00:00Z'),
      noInvalidDate: true,
    }),
  });
  const estimate = fc.record({
    dailyUse: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
    since: fc.option(sample, { nil: null }),
  });

  it('never reads a day of use into less than the window: at most what went down, scaled to the window', () => {
    fc.assert(
      fc.property(estimate, sample, (before, now) => {
        const next = nextUseEstimate(before, now);
        const ceiling = ((before.since?.remaining ?? 0) * 24) / MIN_USE_WINDOW_HOURS;
        if (next.dailyUse !== null)
          expect(next.dailyUse).toBeLessThanOrEqual(Math.max(before.dailyUse ?? 0, Math.round(ceiling)));
        expect(next.dailyUse === null || next.dailyUse >= 0).toBe(true);
      }),
    );
  });

  it('keeps estimate and window start for any report inside the window that is no refill', () => {
    fc.assert(
      fc.property(
        estimate,
        fc.integer({ min: 0, max: MIN_USE_WINDOW_HOURS * 3_600_000 - 1 }),
        fc.integer({ min: 0, max: 100_000 }),
        (before, elapsed, used) => {
          fc.pre(before.since !== null);
          const since = before.since!;
          const now = {
            remaining: Math.max(0, since.remaining - used),
            at: new Date(since.at.getTime() + elapsed),
          };
          expect(nextUseEstimate(before, now)).toEqual(before);
        },
      ),
    );
  });

  const bin = fc.record({
    binIndex: fc.integer({ min: 0, max: 63 }),
    materialCode: fc.constantFrom('BEANS', 'MILK', 'CHOC', 'SUGAR', 'CUPS'),
    remaining: fc.integer({ min: 0, max: 2000 }),
    capacity: fc.integer({ min: 1, max: 2000 }),
    lowPct: fc.integer({ min: 0, max: 100 }),
    criticalPct: fc.integer({ min: 0, max: 100 }),
    dailyUse: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
  });

  it('keeps a low-material alarm while any bin of the device is low, whichever bins the report named', () => {
    const milk = {
      binIndex: 1,
      materialCode: 'MILK',
      remaining: 50,
      capacity: 1000,
      lowPct: 20,
      criticalPct: 10,
      dailyUse: null,
    };
    const beans = { ...milk, binIndex: 0, materialCode: 'BEANS', remaining: 900 };
    expect(materialAlarms([beans, milk]).lowMaterial).toMatchObject({
      severity: 'critical',
      bins: [{ materialCode: 'MILK' }],
    });
    fc.assert(
      fc.property(fc.array(bin, { maxLength: 8 }), (bins) => {
        const verdict = materialAlarms(bins);
        const anyLow = verdict.judged.some((b) => b.level !== 'normal');
        expect(verdict.lowMaterial !== null).toBe(anyLow);
        expect(verdict.lowMaterial?.severity === 'critical').toBe(
          verdict.judged.some((b) => b.level === 'critical' || b.level === 'empty'),
        );
      }),
    );
  });

  it('calls a device offline only past the threshold', () => {
    const seen = new Date('2026-12-01T10:00:00Z');
    expect(isOffline(seen, new Date('2026-12-01T10:05:00Z'), 5)).toBe(false);
    expect(isOffline(seen, new Date('2026-12-01T10:05:01Z'), 5)).toBe(true);
    expect(isOffline(null, new Date(), 5)).toBe(false);
  });
});

describe('commandParamIssues', () => {
  it('takes a drink with a product and whole cups within 1 to 5', () => {
    expect(commandParamIssues('make_product', { product: 'Espresso', cups: 2 })).toEqual([]);
    expect(commandParamIssues('restart', {})).toEqual([]);
  });

  it('names what is missing, of the wrong kind, out of range or not taken, with what it expects', () => {
    const problems = (type: Parameters<typeof commandParamIssues>[0], params: Record<string, unknown>) =>
      commandParamIssues(type, params).map((i) => [i.name, i.problem, i.expected]);
    expect(problems('make_product', { cups: 2.5 })).toEqual([
      ['product', 'required', 'text'],
      ['cups', 'not_whole', 'a whole number from 1 to 5'],
    ]);
    expect(problems('set_params', { temperature: 120, grind: '5' })).toEqual([
      ['temperature', 'too_big', 'a number of at most 96 (from 80)'],
      ['grind', 'not_number', 'a whole number from 1 to 10'],
    ]);
    expect(problems('apply_recipes', { version: 0, checksum: 'abc', whenIdle: 'yes' })).toEqual([
      ['version', 'too_small', 'a whole number of at least 1'],
      ['whenIdle', 'not_boolean', 'true or false'],
    ]);
    expect(problems('sync', { now: true })).toEqual([['now', 'unknown', 'no parameters (sync takes none)']]);
    expect(problems('set_params', { speed: 3 })).toEqual([['speed', 'unknown', 'only temperature, grind']]);
  });
});

describe('materialsLacking (issue 54, item 20)', () => {
  const bins = [
    { materialCode: 'BEANS', remaining: 0 },
    { materialCode: 'MILK', remaining: 500 },
    { materialCode: 'CUPS', remaining: 1 },
  ];
  it('names the empty material a drink needs, so the machine does not make it', () => {
    expect(
      materialsLacking(
        [
          { materialCode: 'BEANS', amount: 18 },
          { materialCode: 'CUPS', amount: 1 },
        ],
        bins,
      ),
    ).toEqual(['BEANS']);
  });
  it('lets a product through whose materials are all there, and counts a material with no bin as lacking', () => {
    expect(materialsLacking([{ materialCode: 'MILK', amount: 12 }], bins)).toEqual([]);
    expect(materialsLacking([{ materialCode: 'CHOC', amount: 10 }], bins)).toEqual(['CHOC']);
    expect(materialsLacking([{ materialCode: 'CUPS', amount: 2 }], bins)).toEqual(['CUPS']);
  });
});
