import { describe, expect, it } from 'vitest';
import { minorOfTyped, typedOfMinor } from './refund-amount.ts';

describe('the amount typed in a coffee refund', () => {
  it('reads major units in the currency’s digits, with a point or a comma', () => {
    expect(minorOfTyped('3.50', 'USD')).toBe(350);
    expect(minorOfTyped('3,5', 'USD')).toBe(350);
    expect(minorOfTyped('1200', 'RWF')).toBe(1200);
  });
  it('reads no number as NaN, so the form refuses it', () => {
    expect(minorOfTyped('', 'USD')).toBeNaN();
    expect(minorOfTyped('-1', 'USD')).toBeNaN();
    expect(minorOfTyped('abc', 'USD')).toBeNaN();
  });
  it('prefills what is left in major units', () => {
    expect(typedOfMinor(350, 'USD')).toBe('3.50');
    expect(typedOfMinor(1200, 'RWF')).toBe('1200');
  });
});
