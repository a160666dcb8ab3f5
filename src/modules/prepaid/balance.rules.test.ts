import { describe, expect, it } from 'vitest';
import { averageDailyUse, type EstimateInput, estimateBalance, reportedBalance } from './balance.rules.ts';

const at = (day: number, hour = 0) => new Date(Date.UTC(2026, 10, day, hour));
const read = (day: number, registerTenths: number) => ({ readAt: at(day), registerTenths });
/** An estimate walked from the first reading, with what was credited up to it carried. */
const sold = (
  input: Omit<EstimateInput, 'start' | 'basis'> & { carried?: number },
): ReturnType<typeof estimateBalance> => {
  const [first] = input.readings;
  return estimateBalance({
    ...input,
    start: first ? { reading: first, carriedTenths: input.carried ?? 0, unrecordedTenths: 0 } : null,
    basis: 'sold',
  });
};

describe('the balance of a meter that does not say it (issue 54, item 7)', () => {
  it('averages daily use from the register and estimates the days the balance lasts', () => {
    const readings = [read(1, 1000), read(3, 1040), read(5, 1080)];
    expect(sold({ readings, credits: [], carried: 200, now: at(5) })).toEqual({
      balanceTenths: 120,
      dailyTenths: 20,
      daysLeft: 6,
      basis: 'sold',
      estimated: true,
      trusted: true,
      doubt: null,
    });
  });

  it('keeps what was sold after the meter ran on units from before, instead of 0.0 kWh', () => {
    // 14 days at about 2.9 kWh a day with nothing sold in Opsdesk, then 9.5 kWh sold 22 minutes ago.
    const readings = Array.from({ length: 15 }, (_, d) => read(1 + d, d * 29));
    const soldAt = new Date(at(15).getTime() + 60_000);
    const now = new Date(soldAt.getTime() + 22 * 60_000);
    const estimate = sold({ readings, credits: [{ at: soldAt, tenths: 95 }], now });
    expect(estimate.balanceTenths).toBe(95);
    expect(estimate, 'it ran on units nobody recorded: not to be alerted on').toMatchObject({
      estimated: true,
      trusted: false,
      doubt: 'unrecorded_units',
    });
  });

  it('pays a rise from a sale made before the reading that shows it, whatever its order in the interval', () => {
    const readings = [read(1, 0), read(2, 30), read(3, 60)];
    const credits = [{ at: at(1, 12), tenths: 100 }];
    expect(sold({ readings, credits, now: at(3) })).toMatchObject({ balanceTenths: 40, trusted: true });
  });

  it('carries the use since the last reading on at the average daily use', () => {
    const readings = [read(1, 0), read(2, 30), read(3, 60)];
    const estimate = sold({ readings, credits: [], carried: 200, now: at(4, 12) });
    expect(estimate).toMatchObject({ balanceTenths: 95, dailyTenths: 30, daysLeft: 3, trusted: true });
  });

  it('counts no use for a register that went down', () => {
    const readings = [read(1, 500), read(2, 10), read(3, 30)];
    expect(sold({ readings, credits: [], carried: 100, now: at(3) })).toMatchObject({
      balanceTenths: 80,
      dailyTenths: 10,
    });
    expect(averageDailyUse([read(1, 50)])).toBeNull();
  });

  it('trusts an estimate only with enough recent readings whose use its sales explain', () => {
    const credits = [{ at: at(1), tenths: 500 }];
    expect(sold({ readings: [], credits, now: at(1) }), 'a meter never read: what was sold').toMatchObject({
      balanceTenths: 500,
      dailyTenths: null,
      daysLeft: null,
      trusted: false,
      doubt: 'few_readings',
    });
    expect(sold({ readings: [read(1, 0), read(2, 10)], credits, now: at(2) }).doubt).toBe('few_readings');
    expect(sold({ readings: [read(1, 0), read(2, 10), read(3, 20)], credits, now: at(3) }).doubt).toBeNull();
    expect(sold({ readings: [read(1, 0), read(2, 10), read(3, 20)], credits, now: at(7) }).doubt).toBe(
      'stale_readings',
    );
    const unrecorded = estimateBalance({
      readings: [read(1, 0), read(2, 10), read(3, 20)],
      start: { reading: read(1, 0), carriedTenths: 0, unrecordedTenths: 400 },
      credits,
      now: at(3),
      basis: 'sold',
    });
    expect(unrecorded.doubt, 'used more before the window than was ever sold').toBe('unrecorded_units');
  });
});

describe('a meter that reports its balance (issue 41, item 5)', () => {
  const readings = [read(1, 0), read(2, 50), read(3, 100), read(4, 150)];

  it('is taken at its word: the balance it gave, less its use since, plus tokens it took since', () => {
    expect(reportedBalance(readings, { balanceTenths: 129, at: at(4), creditedSinceTenths: 0 })).toEqual({
      balanceTenths: 129,
      dailyTenths: 50,
      daysLeft: 2,
      basis: 'reported',
      estimated: false,
      trusted: true,
      doubt: null,
    });
    expect(
      reportedBalance(readings, { balanceTenths: 229, at: at(2), creditedSinceTenths: 100 }),
    ).toMatchObject({ balanceTenths: 229, daysLeft: 4 });
  });
});
