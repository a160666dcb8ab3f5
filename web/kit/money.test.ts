import { describe, expect, it } from 'vitest';
import { currencyDigits, formatMinor, readAmount, toMinor } from './money.ts';

describe('booth amounts', () => {
  it('reads typed amounts as exact minor units', () => {
    expect(toMinor('12.50', 2)).toBe(1250);
    expect(toMinor('12,5', 2)).toBe(1250);
    expect(toMinor('0.10', 2)).toBe(10);
    expect(toMinor('1 200', 2)).toBe(120_000);
    expect(toMinor('19.99', 2)).toBe(1999);
    expect(toMinor('500', 0)).toBe(500);
  });

  it('refuses zero, negatives, too many digits and text', () => {
    for (const bad of ['', '0', '0.00', '-5', '1.234', 'abc', '1.2.3', '1e3'])
      expect(toMinor(bad, 2), bad).toBeUndefined();
    expect(toMinor('5.5', 0)).toBeUndefined();
  });

  it('names what is wrong with an amount that cannot be billed', () => {
    expect(readAmount('0', 2)).toEqual({ problem: 'zero' });
    expect(readAmount('0,00', 2)).toEqual({ problem: 'zero' });
    expect(readAmount('-5', 2)).toEqual({ problem: 'negative' });
    expect(readAmount('−5', 2)).toEqual({ problem: 'negative' });
    expect(readAmount('12.345', 2)).toEqual({ problem: 'digits' });
    expect(readAmount('5.5', 0)).toEqual({ problem: 'digits' });
    expect(readAmount('', 2)).toEqual({ problem: 'empty' });
    expect(readAmount('abc', 2)).toEqual({ problem: 'format' });
    expect(readAmount('99999', 2)).toEqual({ minor: 9_999_900 });
  });

  it('knows the digits of a currency and formats minor units', () => {
    expect(currencyDigits('USD')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(formatMinor(1250, 'USD', 'en-US')).toBe('$12.50');
    expect(formatMinor(500, 'JPY', 'en-US')).toBe('¥500');
  });
});
