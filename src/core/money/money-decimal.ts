import { assertCurrencyCode, type CurrencyCode, currencyExponent } from './currency.ts';
import { MoneyErrors } from './money.errors.ts';
import { type Money, money } from './money.ts';

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Reads a plain decimal string (`"12.50"`, `"-3"`, `" 7.5 "`) into minor units, exactly.
 * Refuses numbers (floats lose cents), exponents, `NaN`, thousands separators and more decimals
 * than the currency has — except trailing zeros (`"12.500"` USD is exactly 12.50).
 */
export function parseMoney(input: string, currency: CurrencyCode): Money {
  assertCurrencyCode(currency);
  if (typeof input !== 'string') throw MoneyErrors.invalid_amount({ input });
  const match = DECIMAL.exec(input.trim());
  if (!match) throw MoneyErrors.invalid_amount({ input });
  const [, minus, whole = '', fraction = ''] = match;
  const exponent = currencyExponent(currency);
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > exponent) {
    throw MoneyErrors.too_many_decimals({ input, currency, maxDecimals: exponent });
  }
  const digits = BigInt(whole + significant.padEnd(exponent, '0'));
  const amountMinor = minus ? -digits : digits;
  if (amountMinor > BigInt(Number.MAX_SAFE_INTEGER) || amountMinor < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw MoneyErrors.amount_out_of_range({ input });
  }
  return money(Number(amountMinor), currency);
}

/** Exact decimal string in major units (`"12.50"`, `"-0.05"`, JPY `"100"`), for APIs, CSV and forms. */
export function toDecimalString(amount: Money): string {
  const exponent = currencyExponent(amount.currency);
  const digits = Math.abs(amount.amountMinor)
    .toString()
    .padStart(exponent + 1, '0');
  const sign = amount.amountMinor < 0 ? '-' : '';
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
