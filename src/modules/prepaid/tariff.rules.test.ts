import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK_TARIFF } from '../../../test/factories/prepaid.ts';
import {
  amountForUnits,
  parseTierLines,
  type TariffTerms,
  tariffProblems,
  unitsForAmount,
} from './tariff.rules.ts';

const flat: TariffTerms = {
  tiers: [{ uptoKwh: null, priceMinorPerKwh: 200 }],
  feeMinor: 0,
  taxBasisPoints: 0,
};

describe('tariff rules', () => {
  it('flat: 1000 buys 5 kWh, and 5 kWh cost 1000', () => {
    expect(unitsForAmount(flat, 1000, 0)).toMatchObject({ unitsTenths: 50, totalMinor: 1000 });
    expect(amountForUnits(flat, 50, 0)).toMatchObject({ totalMinor: 1000, energyMinor: 1000 });
  });

  it('tiers by the kWh already bought this month, with a breakdown', () => {
    const q = amountForUnits(BLOCK_TARIFF, 200, 100); // 20 kWh after 10 kWh this month
    expect(q.tiers).toEqual([
      { tier: 1, unitsTenths: 50, priceMinorPerKwh: 89, energyMinor: 445 },
      { tier: 2, unitsTenths: 150, priceMinorPerKwh: 310, energyMinor: 4650 },
    ]);
    expect(q).toMatchObject({ energyMinor: 5095, taxMinor: 918, feeMinor: 100, totalMinor: 6113 });
    // the same 20 kWh later in the month cost more
    expect(amountForUnits(BLOCK_TARIFF, 200, 600).totalMinor).toBeGreaterThan(q.totalMinor);
  });

  it('an amount below the fee buys nothing', () => {
    expect(unitsForAmount(BLOCK_TARIFF, 100, 0)).toMatchObject({ unitsTenths: 0, totalMinor: 0 });
  });

  it('refuses unusable terms', () => {
    expect(tariffProblems(BLOCK_TARIFF)).toEqual([]);
    expect(tariffProblems({ ...flat, tiers: [{ uptoKwh: 10, priceMinorPerKwh: 0 }] })).toHaveLength(2);
  });

  it('units for an amount never cost more than the amount, and one more tenth would', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 0, max: 2000 }),
        (amount, month) => {
          const q = unitsForAmount(BLOCK_TARIFF, amount, month);
          expect(q.totalMinor).toBeLessThanOrEqual(amount);
          if (q.unitsTenths > 0) {
            expect(amountForUnits(BLOCK_TARIFF, q.unitsTenths, month).totalMinor).toBe(q.totalMinor);
            expect(amountForUnits(BLOCK_TARIFF, q.unitsTenths + 1, month).totalMinor).toBeGreaterThan(amount);
          }
        },
      ),
    );
  });
});

describe('tariff blocks typed in the console', () => {
  it('reads one block a line, * for the open last one', () => {
    expect(parseTierLines('15 89\n50 310\n* 369')).toEqual([
      { uptoKwh: 15, priceMinorPerKwh: 89 },
      { uptoKwh: 50, priceMinorPerKwh: 310 },
      { uptoKwh: null, priceMinorPerKwh: 369 },
    ]);
    expect(parseTierLines('15 kWh @ 89; * @ 369')).toEqual([
      { uptoKwh: 15, priceMinorPerKwh: 89 },
      { uptoKwh: null, priceMinorPerKwh: 369 },
    ]);
    expect(parseTierLines('cheap 89')).toBeNull();
    expect(parseTierLines('')).toBeNull();
  });
});
