import { describe, expect, it } from 'vitest';
import { decideCut, earliestCutStart, msUntilCutoff } from './mess-cuts.rules.ts';

const TZ = 'Asia/Kolkata';
const ist = (local: string) => new Date(`${local}+05:30`);
const base = {
  timeZone: TZ,
  cutoff: '23:00',
  existing: [] as Array<{ id: string; from: string; to: string }>,
  cycles: [{ id: 'march', from: '2026-03-01', to: '2026-03-31' }],
  maxDaysPerCycle: null as number | null,
};
const cut = (at: string, from: string, to: string, extra: Partial<typeof base> = {}) =>
  decideCut({ ...base, ...extra, at: ist(at), range: { from, to } });

describe('decideCut', () => {
  it('accepts a cut starting tomorrow before the cutoff', () => {
    expect(cut('2026-03-09T22:59:00', '2026-03-10', '2026-03-12')).toEqual({
      ok: true,
      merged: { from: '2026-03-10', to: '2026-03-12' },
      replaces: [],
    });
  });

  it('refuses a cut for today: cut_same_day', () => {
    expect(cut('2026-03-09T08:00:00', '2026-03-09', '2026-03-10')).toMatchObject({ reason: 'cut_same_day' });
  });

  it('refuses a backdated cut: cut_backdated', () => {
    expect(cut('2026-03-09T08:00:00', '2026-03-08', '2026-03-10')).toMatchObject({ reason: 'cut_backdated' });
  });

  it('refuses a cut starting tomorrow at or after 23:00 today: cut_after_cutoff', () => {
    expect(cut('2026-03-09T23:00:00', '2026-03-10', '2026-03-10')).toMatchObject({
      reason: 'cut_after_cutoff',
    });
    expect(cut('2026-03-09T23:30:00', '2026-03-11', '2026-03-11')).toMatchObject({ ok: true });
    expect(cut('2026-03-09T20:00:00', '2026-03-10', '2026-03-10', { cutoff: '20:00' })).toMatchObject({
      reason: 'cut_after_cutoff',
    });
  });

  it('refuses reversed and overlong ranges: cut_range_invalid, cut_too_long', () => {
    expect(cut('2026-03-09T08:00:00', '2026-03-12', '2026-03-11')).toMatchObject({
      reason: 'cut_range_invalid',
    });
    expect(cut('2026-03-09T08:00:00', '2026-03-10', '2026-06-30')).toMatchObject({ reason: 'cut_too_long' });
  });

  it('merges cuts that overlap or touch, transitively', () => {
    const existing = [
      { id: 'a', from: '2026-03-12', to: '2026-03-13' },
      { id: 'b', from: '2026-03-14', to: '2026-03-15' },
      { id: 'c', from: '2026-03-20', to: '2026-03-21' },
    ];
    expect(cut('2026-03-09T08:00:00', '2026-03-11', '2026-03-12', { existing })).toEqual({
      ok: true,
      merged: { from: '2026-03-11', to: '2026-03-15' },
      replaces: ['a', 'b'],
    });
  });

  it('enforces the cap of cut days per billing cycle: cut_cap_exceeded', () => {
    const existing = [{ id: 'a', from: '2026-03-20', to: '2026-03-27' }];
    expect(
      cut('2026-03-09T08:00:00', '2026-03-10', '2026-03-11', { existing, maxDaysPerCycle: 10 }),
    ).toMatchObject({
      ok: true,
    });
    expect(
      cut('2026-03-09T08:00:00', '2026-03-10', '2026-03-12', { existing, maxDaysPerCycle: 10 }),
    ).toMatchObject({
      reason: 'cut_cap_exceeded',
      details: { days: 11, maxDays: 10 },
    });
  });
});

describe('cutoff countdown', () => {
  it('says how long is left until the cutoff, and which day a cut can start', () => {
    expect(msUntilCutoff(ist('2026-03-09T22:15:30'), TZ, '23:00')).toBe(44.5 * 60_000);
    expect(earliestCutStart(ist('2026-03-09T22:15:00'), TZ, '23:00')).toBe('2026-03-10');
    expect(earliestCutStart(ist('2026-03-09T23:15:00'), TZ, '23:00')).toBe('2026-03-11');
  });
});
