import { describe, expect, it } from 'vitest';
import { duesOfCycles } from './dues.rules.ts';
import { feeRefundRefusal, overPaidOf, whatMayGoBack } from './fee-refunds.rules.ts';

const cycle = (id: string, from: string, to: string) => ({
  id,
  name: id,
  from,
  to,
  feeMinor: 300_000,
  rebatePerDayMinor: 8_000,
});
const october = cycle('October', '2026-10-01', '2026-10-31');
const november = cycle('November', '2026-11-01', '2026-11-30');

/** Dues newest first, as the student's page and the refund decisions read them. */
const dues = (paid: Record<string, number>) =>
  duesOfCycles([october, november], [], [], (id) => paid[id] ?? 0).reverse();

describe('what may go back to a student', () => {
  it('is the credit waiting on the newest cycle', () => {
    const cycles = dues({ October: 300_000, November: 350_000 });
    expect(whatMayGoBack(cycles)).toEqual({
      creditMinor: 50_000,
      cycles: [{ cycleId: 'November', name: 'November', overPaidMinor: 50_000 }],
    });
  });

  it("and an earlier cycle's over-payment, even once its credit paid the next cycle", () => {
    const cycles = dues({ October: 350_000, November: 250_000 });
    expect(whatMayGoBack(cycles)).toEqual({
      creditMinor: 0,
      cycles: [{ cycleId: 'October', name: 'October', overPaidMinor: 50_000 }],
    });
  });

  it('counts a credit carried in as paid towards the cycle it reached', () => {
    const [nov] = dues({ October: 400_000, November: 300_000 });
    expect(overPaidOf(nov!)).toBe(100_000);
  });

  it('is nothing for a student who owes', () => {
    expect(whatMayGoBack(dues({ November: 100_000 }))).toEqual({ creditMinor: 0, cycles: [] });
  });
});

describe('a refund of a fee payment', () => {
  const cycles = dues({ October: 350_000, November: 300_000 });

  it("may take up to what the payment's cycle was over-paid", () => {
    expect(feeRefundRefusal(cycles, 'October', 50_000)).toBeNull();
    expect(feeRefundRefusal(cycles, 'November', 50_000)).toBeNull();
  });

  it('is refused beyond it, saying how much may go back', () => {
    expect(feeRefundRefusal(cycles, 'October', 50_001)).toEqual({ overPaidMinor: 50_000 });
  });

  it('is refused for a cycle the dues do not show', () => {
    expect(feeRefundRefusal(cycles, 'September', 1)).toEqual({ overPaidMinor: 0 });
  });
});
