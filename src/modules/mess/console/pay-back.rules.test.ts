import { describe, expect, it } from 'vitest';
import { digitsOf, payBackPrefill, toMinor } from './pay-back.rules.ts';

const cycles = [
  { cycleId: 'nov', overPaidMinor: 2_000 },
  { cycleId: 'oct', overPaidMinor: 50_050 },
];

describe('the Pay back dialog', () => {
  it('starts on the newest over-paid cycle with all that may go back', () => {
    expect(payBackPrefill(cycles, undefined, 2)).toEqual({ cycleId: 'nov', amount: '20.00' });
  });

  it("fills another cycle's over-payment when that cycle is picked", () => {
    expect(payBackPrefill(cycles, 'oct', 2)).toEqual({ cycleId: 'oct', amount: '500.50' });
  });

  it('starts empty when nothing may go back', () => {
    expect(payBackPrefill([], undefined, 2)).toEqual({ cycleId: '', amount: '' });
  });

  it('reads amounts in the currency of the mess, with a comma or a point', () => {
    expect(digitsOf('INR')).toBe(2);
    expect(digitsOf('JPY')).toBe(0);
    expect(toMinor('200,5', 2)).toBe(20_050);
    expect(toMinor(' 200.05 ', 2)).toBe(20_005);
    expect(toMinor('abc', 2)).toBeNaN();
  });
});
