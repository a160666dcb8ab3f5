import { describe, expect, it } from 'vitest';
import { duesOfCycles } from './dues.rules.ts';
import { creditOf, feeRefundRefusal, mayTakeFrom } from './fee-refunds.rules.ts';

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
    expect(creditOf(dues({ October: 300_000, November: 350_000 }))).toBe(50_000);
  });

  it('counts a credit carried in from an earlier over-payment', () => {
    expect(creditOf(dues({ October: 400_000, November: 300_000 }))).toBe(100_000);
  });

  it('is nothing for a student who owes, or whose over-payment the next cycle took', () => {
    expect(creditOf(dues({ November: 100_000 }))).toBe(0);
    expect(creditOf(dues({ October: 350_000, November: 250_000 }))).toBe(0);
  });
});

describe('a refund of a fee payment', () => {
  it('may take what its cycle holds beyond the dues, while every later cycle still holds it', () => {
    const cycles = dues({ October: 350_000, November: 300_000 });
    expect(mayTakeFrom(cycles, 'October')).toBe(50_000);
    expect(mayTakeFrom(cycles, 'November')).toBe(50_000);
  });

  it("may not take an over-payment a later cycle's dues took", () => {
    const cycles = dues({ October: 350_000, November: 250_000 });
    expect(mayTakeFrom(cycles, 'October')).toBe(0);
  });

  it("may not take a cycle's due part, even with a credit on a later cycle", () => {
    const cycles = dues({ October: 300_000, November: 350_000 });
    expect(mayTakeFrom(cycles, 'October')).toBe(0);
    expect(mayTakeFrom(cycles, 'November')).toBe(50_000);
  });

  it('is refused beyond it, saying how much may go back, and for a cycle the dues do not show', () => {
    const cycles = dues({ October: 350_000, November: 300_000 });
    expect(feeRefundRefusal(cycles, 'October', 50_000)).toBeNull();
    expect(feeRefundRefusal(cycles, 'October', 50_001)).toEqual({ overPaidMinor: 50_000 });
    expect(feeRefundRefusal(cycles, 'September', 1)).toEqual({ overPaidMinor: 0 });
  });
});
