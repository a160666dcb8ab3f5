import { describe, expect, it } from 'vitest';
import { duesOf } from './dues.rules.ts';
import { forecastHeadcount } from './forecast.rules.ts';

const march = {
  id: 'm',
  name: 'March',
  from: '2026-03-01',
  to: '2026-03-31',
  feeMinor: 300_000,
  rebatePerDayMinor: 8_000,
};

describe('duesOf', () => {
  it('itemizes fee, rebate for cut days inside the cycle, payments and balance', () => {
    const cuts = [
      { from: '2026-02-27', to: '2026-03-02' },
      { from: '2026-03-10', to: '2026-03-12' },
    ];
    expect(duesOf(march, cuts, 100_000)).toEqual({
      cycleId: 'm',
      name: 'March',
      feeMinor: 300_000,
      cutDays: 5,
      rebateMinor: 40_000,
      dueMinor: 260_000,
      paidMinor: 100_000,
      balanceMinor: 160_000,
    });
  });

  it('never rebates more than the fee', () => {
    expect(
      duesOf({ ...march, rebatePerDayMinor: 50_000 }, [{ from: '2026-03-01', to: '2026-03-31' }], 0).dueMinor,
    ).toBe(0);
  });
});

describe('forecastHeadcount', () => {
  it('counts approved students minus cuts and closures, scaled by recent attendance', () => {
    const meal = {
      id: 'lunch',
      name: 'Lunch',
      start: '12:30',
      end: '14:30',
      weekdays: [1, 2, 3, 4, 5, 6, 7],
    };
    const students = [
      { status: 'approved', cuts: [] },
      { status: 'approved', cuts: [{ from: '2026-03-10', to: '2026-03-10' }] },
      { status: 'approved', cuts: [] },
      { status: 'pending', cuts: [] },
    ];
    const rows = forecastHeadcount({
      windows: [
        { date: '2026-03-09', meal, windowKey: '2026-03-09:lunch' },
        { date: '2026-03-10', meal, windowKey: '2026-03-10:lunch' },
        { date: '2026-03-11', meal, windowKey: '2026-03-11:lunch' },
      ],
      students,
      closures: [{ date: '2026-03-11', mealIds: null }],
      attendanceRates: { lunch: 0.5 },
    });
    expect(rows.map((r) => [r.eligible, r.expected])).toEqual([
      [3, 2],
      [2, 1],
      [0, 0],
    ]);
  });
});
