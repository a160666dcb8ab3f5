import { describe, expect, it } from 'vitest';
import { digitsOf, payBackPrefill, toMinor } from './pay-back.rules.ts';

describe('the Pay back dialog', () => {
  it('starts with all the credit, in rupees', () => {
    expect(payBackPrefill(766_000, 2)).toBe('7660.00');
    expect(payBackPrefill(50_050, 2)).toBe('500.50');
  });

  it('starts empty when nothing may go back', () => {
    expect(payBackPrefill(0, 2)).toBe('');
  });

  it('reads amounts in the currency of the mess, with a comma or a point', () => {
    expect(digitsOf('INR')).toBe(2);
    expect(digitsOf('JPY')).toBe(0);
    expect(toMinor('200,5', 2)).toBe(20_050);
    expect(toMinor(' 200.05 ', 2)).toBe(20_005);
    expect(toMinor('abc', 2)).toBeNaN();
  });
});
