import { describe, expect, it } from 'vitest';
import { money } from './money.ts';
import { multiply } from './multiply.ts';

const usd = (minor: number) => money(minor, 'USD');

describe('multiply', () => {
  it('multiplies by an integer exactly', () => {
    expect(multiply(usd(1250), 3)).toEqual(usd(3750));
  });

  it('rounds a ratio half-even by default', () => {
    // 18% of 12.50 = 2.25 exactly; 18% of 0.25 = 0.045 -> 0.04 (even), half-up gives 0.05
    expect(multiply(usd(1250), { numerator: 18, denominator: 100 })).toEqual(usd(225));
    expect(multiply(usd(25), { numerator: 18, denominator: 100 })).toEqual(usd(4));
    expect(multiply(usd(25), { numerator: 18, denominator: 100 }, { rounding: 'half-up' })).toEqual(usd(5));
  });

  it('keeps exactness on amounts where floats would drift', () => {
    expect(multiply(usd(Number.MAX_SAFE_INTEGER), { numerator: 1, denominator: 1 })).toEqual(
      usd(Number.MAX_SAFE_INTEGER),
    );
    expect(multiply(usd(1), { numerator: 7, denominator: 10 }, { rounding: 'ceil' })).toEqual(usd(1));
  });

  it('refuses float factors and zero denominators', () => {
    const invalid = expect.objectContaining({ code: 'money.invalid_factor' });
    expect(() => multiply(usd(100), 1.5)).toThrowError(invalid);
    expect(() => multiply(usd(100), { numerator: 1, denominator: 0 })).toThrowError(invalid);
  });

  it('refuses results beyond the safe-integer limit', () => {
    expect(() => multiply(usd(Number.MAX_SAFE_INTEGER), 2)).toThrowError(
      expect.objectContaining({ code: 'money.amount_out_of_range' }),
    );
  });
});
