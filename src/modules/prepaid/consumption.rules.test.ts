import { describe, expect, it } from 'vitest';
import { consumption } from './consumption.rules.ts';

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
