import { describe, expect, it } from 'vitest';
import { currencyExponent, toMajor, toMinor } from './money.ts';

describe('money inputs in major units', () => {
  it('scales by the currency exponent', () => {
    expect(currencyExponent('INR')).toBe(2);
    expect(currencyExponent('CLP')).toBe(0);
    expect(toMajor(15050, 'INR')).toBe(150.5);
    expect(toMinor('150.5', 'INR')).toBe(15050);
    expect(toMinor(5000, 'CLP')).toBe(5000);
  });

  it('rounds typed fractions of the smallest unit instead of storing floats', () => {
    expect(toMinor(0.29, 'USD')).toBe(29);
    expect(toMinor(1.005, 'USD')).toBe(100);
  });

  it('keeps empty as empty and falls back to two digits for an unknown code', () => {
    expect(toMinor('', 'USD')).toBeNull();
    expect(toMajor(null, 'USD')).toBeNull();
    expect(toMajor('', 'USD')).toBeNull();
    expect(currencyExponent('??')).toBe(2);
  });
});
