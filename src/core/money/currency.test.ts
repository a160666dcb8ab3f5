import { describe, expect, it } from 'vitest';
import { currencyExponent, isCurrencyCode } from './currency.ts';

describe('currency', () => {
  it('pins the minor-unit exponent of the currencies operators use (stored amounts depend on it)', () => {
    const expected = { USD: 2, EUR: 2, INR: 2, KES: 2, JPY: 0, RWF: 0, UGX: 0, XOF: 0, KWD: 3, BHD: 3 };
    for (const [code, exponent] of Object.entries(expected)) {
      expect(currencyExponent(code), code).toBe(exponent);
    }
  });

  it('accepts only known upper-case ISO 4217 codes', () => {
    expect(isCurrencyCode('USD')).toBe(true);
    expect(isCurrencyCode('usd')).toBe(false);
    expect(isCurrencyCode('ZZZ')).toBe(false);
    expect(isCurrencyCode('US')).toBe(false);
  });

  it('refuses an unknown currency with invalid_currency', () => {
    expect(() => currencyExponent('ZZZ')).toThrowError(
      expect.objectContaining({ code: 'money.invalid_currency' }),
    );
  });
});
