import { describe, expect, it } from 'vitest';
import { consumption, withReportedBalance } from './consumption.rules.ts';

const at = (day: number) => new Date(Date.UTC(2026, 10, day));

describe('consumption', () => {
  it('averages daily use from the register and estimates the days the balance lasts', () => {
    const c = consumption(
      [
        { readAt: at(1), registerTenths: 1000 },
        { readAt: at(3), registerTenths: 1040 },
        { readAt: at(5), registerTenths: 1080 },
      ],
      200,
    );
    expect(c).toEqual({ dailyTenths: 20, balanceTenths: 120, daysLeft: 6 });
  });

  it('counts no use for a register that went down, and knows nothing from one reading', () => {
    expect(consumption([{ readAt: at(1), registerTenths: 50 }], 100)).toEqual({
      dailyTenths: null,
      balanceTenths: 100,
      daysLeft: null,
    });
    const reset = consumption(
      [
        { readAt: at(1), registerTenths: 500 },
        { readAt: at(2), registerTenths: 10 },
        { readAt: at(3), registerTenths: 30 },
      ],
      10,
    );
    expect(reset).toEqual({ dailyTenths: 10, balanceTenths: 0, daysLeft: 0 });
  });
});

describe('a meter that reports its balance (issue 41, item 5)', () => {
  const readings = [
    { readAt: at(1), registerTenths: 0 },
    { readAt: at(2), registerTenths: 50 },
    { readAt: at(3), registerTenths: 100 },
    { readAt: at(4), registerTenths: 150 },
  ];
  const sold = consumption(readings, 602);

  it('is taken at its word: the balance it gave, less its use since, plus tokens it took since', () => {
    expect(sold).toEqual({ dailyTenths: 50, balanceTenths: 452, daysLeft: 9 });
    expect(
      withReportedBalance(readings, sold, { balanceTenths: 129, at: at(4), creditedSinceTenths: 0 }),
    ).toEqual({ dailyTenths: 50, balanceTenths: 129, daysLeft: 2 });
    expect(
      withReportedBalance(readings, sold, { balanceTenths: 229, at: at(2), creditedSinceTenths: 100 }),
    ).toEqual({ dailyTenths: 50, balanceTenths: 229, daysLeft: 4 });
  });

  it('keeps the sold-units estimate for a meter that never reported a balance', () => {
    expect(withReportedBalance(readings, sold, null)).toBe(sold);
  });
});
