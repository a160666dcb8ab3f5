import { describe, expect, it } from 'vitest';
import { duesOf, duesOfCycles, rebateDaysOf } from './dues.rules.ts';
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
      closedDays: 0,
      rebateMinor: 40_000,
      dueMinor: 260_000,
      paidMinor: 100_000,
      creditInMinor: 0,
      balanceMinor: 160_000,
      creditOutMinor: 0,
    });
  });

  it('never rebates more than the fee', () => {
    expect(
      duesOf({ ...march, rebatePerDayMinor: 50_000 }, [{ from: '2026-03-01', to: '2026-03-31' }], 0).dueMinor,
    ).toBe(0);
  });
});

describe('closures and cuts (automatic overlap handling)', () => {
  const closures = [
    { date: '2026-03-11', mealIds: null },
    { date: '2026-03-20', mealIds: null },
    { date: '2026-03-21', mealIds: ['lunch'] },
    { date: '2026-04-02', mealIds: null },
  ];

  it('rebates a full-day closure to a student without a cut', () => {
    expect(rebateDaysOf(march, [], closures)).toEqual({ cutDays: 0, closedDays: 2 });
    expect(duesOf(march, [], 0, { closures }).rebateMinor).toBe(16_000);
  });

  it('counts a closed day inside a cut once, as closed, never twice', () => {
    const cuts = [{ from: '2026-03-10', to: '2026-03-12' }];
    expect(rebateDaysOf(march, cuts, closures)).toEqual({ cutDays: 2, closedDays: 2 });
    expect(duesOf(march, cuts, 0, { closures }).rebateMinor).toBe(4 * 8_000);
  });

  it('gives no rebate day for a closure of some meals only, nor for one outside the cycle', () => {
    expect(rebateDaysOf(march, [{ from: '2026-03-21', to: '2026-03-21' }], closures)).toEqual({
      cutDays: 1,
      closedDays: 2,
    });
  });
});

describe('credit of an over-payment', () => {
  const april = { ...march, id: 'a', name: 'April', from: '2026-04-01', to: '2026-04-30' };
  const paid: Record<string, number> = { m: 350_000, a: 100_000 };

  it('is carried to the next cycle, which owes that much less', () => {
    const [m, a] = duesOfCycles([march, april], [], [], (id) => paid[id] ?? 0);
    expect([m?.balanceMinor, m?.creditOutMinor]).toEqual([0, 50_000]);
    expect([a?.creditInMinor, a?.balanceMinor]).toEqual([50_000, 150_000]);
  });

  it('stays on the newest cycle until the next one exists', () => {
    const [m] = duesOfCycles([march], [], [], (id) => paid[id] ?? 0);
    expect([m?.balanceMinor, m?.creditOutMinor]).toEqual([-50_000, 0]);
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
