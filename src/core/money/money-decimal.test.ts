import { describe, expect, it } from 'vitest';
import { money } from './money.ts';
import { parseMoney, toDecimalString } from './money-decimal.ts';

describe('parseMoney', () => {
  it('reads decimal strings exactly into minor units', () => {
    expect(parseMoney('12.50', 'USD')).toEqual(money(1250, 'USD'));
    expect(parseMoney('12.5', 'USD')).toEqual(money(1250, 'USD'));
    expect(parseMoney(' -0.05 ', 'USD')).toEqual(money(-5, 'USD'));
    expect(parseMoney('1500', 'RWF')).toEqual(money(1500, 'RWF'));
    expect(parseMoney('1.234', 'KWD')).toEqual(money(1234, 'KWD'));
    expect(parseMoney('0.1', 'USD').amountMinor + parseMoney('0.2', 'USD').amountMinor).toBe(30);
  });

  it('accepts trailing zeros beyond the exponent because no value is lost', () => {
    expect(parseMoney('12.500', 'USD')).toEqual(money(1250, 'USD'));
    expect(parseMoney('100.00', 'JPY')).toEqual(money(100, 'JPY'));
  });

  it('refuses more decimals than the currency has', () => {
    const tooMany = expect.objectContaining({ code: 'money.too_many_decimals' });
    expect(() => parseMoney('12.505', 'USD')).toThrowError(tooMany);
    expect(() => parseMoney('100.5', 'UGX')).toThrowError(tooMany);
    expect(() => parseMoney('1.2345', 'KWD')).toThrowError(tooMany);
  });

  it('refuses NaN, exponents, separators, empty and non-string input', () => {
    const invalid = expect.objectContaining({ code: 'money.invalid_amount' });
    for (const input of [
      'NaN',
      '1e3',
      '1E-2',
      '1,000.00',
      '',
      '.5',
      '5.',
      '+5',
      '--5',
      'Infinity',
      '0x10',
      '١٢',
    ]) {
      expect(() => parseMoney(input, 'USD'), input).toThrowError(invalid);
    }
    // @ts-expect-error a number where the text of an amount is due, as a JSON body may send one
    expect(() => parseMoney(12.5, 'USD')).toThrowError(invalid);
  });

  it('refuses amounts beyond the safe-integer limit and unknown currencies', () => {
    expect(() => parseMoney('90071992547409.92', 'USD')).toThrowError(
      expect.objectContaining({ code: 'money.amount_out_of_range' }),
    );
    expect(() => parseMoney('1', 'ZZZ')).toThrowError(
      expect.objectContaining({ code: 'money.invalid_currency' }),
    );
  });
});

describe('toDecimalString', () => {
  it('writes exact major units with the currency exponent', () => {
    expect(toDecimalString(money(1250, 'USD'))).toBe('12.50');
    expect(toDecimalString(money(-5, 'USD'))).toBe('-0.05');
    expect(toDecimalString(money(0, 'USD'))).toBe('0.00');
    expect(toDecimalString(money(100, 'JPY'))).toBe('100');
    expect(toDecimalString(money(7, 'KWD'))).toBe('0.007');
  });

  it('round-trips with parseMoney for many amounts and currencies', () => {
    for (const currency of ['USD', 'JPY', 'KWD', 'UGX']) {
      for (let minor = -2500; minor <= 2500; minor += 7) {
        const value = money(minor, currency);
        expect(parseMoney(toDecimalString(value), currency)).toEqual(value);
      }
      const max = money(Number.MAX_SAFE_INTEGER, currency);
      expect(parseMoney(toDecimalString(max), currency)).toEqual(max);
    }
  });
});
