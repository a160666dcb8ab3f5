import { describe, expect, it } from 'vitest';
import { money } from './money.ts';
import { formatMoney } from './money-format.ts';

// Intl output contains narrow no-break spaces in some locales; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('formats for the locale with the currency exponent', () => {
    expect(formatMoney(money(123456750, 'INR'), 'hi')).toBe('₹12,34,567.50');
    expect(formatMoney(money(1250, 'USD'), 'en')).toBe('$12.50');
    expect(plain(formatMoney(money(1250, 'USD'), 'es'))).toBe('12,50 US$');
    expect(plain(formatMoney(money(1500, 'RWF'), 'en'))).toBe('RWF 1,500');
    expect(plain(formatMoney(money(-1234, 'KWD'), 'en', { currencyDisplay: 'code' }))).toBe('-KWD 1.234');
  });

  it('keeps every digit of amounts that a float would round', () => {
    expect(formatMoney(money(Number.MAX_SAFE_INTEGER, 'USD'), 'en')).toBe('$90,071,992,547,409.91');
  });
});
