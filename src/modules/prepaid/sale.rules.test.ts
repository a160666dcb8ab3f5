import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK_TARIFF } from '../../../test/factories/prepaid.ts';
import { saleFor, saleProblem, saleRangeFor } from './sale.rules.ts';
import { amountForUnits, type TariffTerms, unitsForAmount } from './tariff.rules.ts';

// The counter's case of issue 41: 5,000 RWF bought 4,207 energy + 758 tax = 4,965.
const vat: TariffTerms = {
  tiers: [{ uptoKwh: null, priceMinorPerKwh: 89 }],
  feeMinor: 0,
  taxBasisPoints: 1800,
};
const lines = (s: ReturnType<typeof saleFor>) =>
  s.tiers.reduce((sum, t) => sum + t.energyMinor, 0) + s.feeMinor + s.taxMinor;

describe('what a sale charges (counter, portal and chat alike)', () => {
  it('by amount: charges the sum of the lines, the rest of the amount is change', () => {
    const s = saleFor(unitsForAmount(vat, 500_000, 0), 500_000);
    expect(lines(s)).toBe(s.chargeMinor);
    expect(s.chargeMinor).toBeLessThanOrEqual(500_000);
    expect(s.chargeMinor + s.changeMinor).toBe(500_000);
    expect(s.changeMinor).toBeGreaterThan(0);
  });

  it('by units: charges the sum of the lines, no change', () => {
    const s = saleFor(amountForUnits(BLOCK_TARIFF, 200, 100), null);
    expect(s).toMatchObject({ chargeMinor: 6113, changeMinor: 0 });
    expect(lines(s)).toBe(6113);
  });

  it('whatever the amount and the month, paid = energy lines + fee + tax, and paying the charge again buys the same', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.constantFrom(vat, BLOCK_TARIFF),
        (amount, month, t) => {
          const s = saleFor(unitsForAmount(t, amount, month), amount);
          expect(lines(s)).toBe(s.chargeMinor);
          expect(s.chargeMinor + s.changeMinor).toBe(amount);
          // The charge is what the payment carries; the token is priced from it again when it settles.
          const again = saleFor(unitsForAmount(t, s.chargeMinor, month), s.chargeMinor);
          expect(again).toMatchObject({
            unitsTenths: s.unitsTenths,
            chargeMinor: s.chargeMinor,
            changeMinor: 0,
          });
        },
      ),
    );
  });

  it('tier lines add up to the energy even when each line rounds', () => {
    // 0.5 kWh in each of two blocks at odd prices: each line is a half minor unit.
    const t: TariffTerms = {
      tiers: [
        { uptoKwh: 1, priceMinorPerKwh: 3 },
        { uptoKwh: null, priceMinorPerKwh: 5 },
      ],
      feeMinor: 0,
      taxBasisPoints: 0,
    };
    const s = saleFor(amountForUnits(t, 10, 5), null);
    expect(lines(s)).toBe(s.chargeMinor);
  });
});

describe('the one range of amounts a sale takes (issue 66: USSD offered an amount the sale refused)', () => {
  const cheap: TariffTerms = {
    tiers: [{ uptoKwh: null, priceMinorPerKwh: 3 }],
    feeMinor: 0,
    taxBasisPoints: 0,
  };
  it('every amount inside it buys units one token carries; just outside it does not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 1, max: 9995 }),
        fc.constantFrom(vat, BLOCK_TARIFF, cheap),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (month, maxUnitsTenths, t, at) => {
          const range = saleRangeFor((n) => amountForUnits(t, n, month).totalMinor, maxUnitsTenths);
          const sale = (amount: number) => ({ ...unitsForAmount(t, amount, month), maxUnitsTenths });
          // A price under a minor unit a tenth can leave no amount buying few enough tenths: no range then.
          fc.pre(range.minMinor <= range.maxMinor);
          const inside = Math.round(range.minMinor + at * (range.maxMinor - range.minMinor));
          expect(saleProblem(sale(range.minMinor))).toBeNull();
          expect(saleProblem(sale(range.maxMinor))).toBeNull();
          expect(saleProblem(sale(inside))).toBeNull();
          expect(saleProblem(sale(range.minMinor - 1))).toBe('amount_too_small');
          // Above it, an amount buys the most a token carries (the rest is change) until it buys a tenth more.
          const tooMuch = amountForUnits(t, maxUnitsTenths + 1, month).totalMinor;
          expect(saleProblem(sale(tooMuch))).toBe('units_too_many');
          expect(saleProblem(sale(tooMuch - 1))).toBeNull();
        },
      ),
    );
  });

  it('says the most one token carries as what it costs, where a tenth more costs more', () => {
    // 99.5 kWh at RWF 89 + 18% VAT: what the counter charges for the most a standard token carries.
    const range = saleRangeFor((n) => amountForUnits(vat, n, 0).totalMinor, 995);
    expect(range).toEqual({ minMinor: 11, maxMinor: amountForUnits(vat, 995, 0).totalMinor });
  });
});
