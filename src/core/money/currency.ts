import { MoneyErrors } from './money.errors.ts';

/** An ISO 4217 alphabetic code known to the runtime's ICU data, e.g. `USD`, `INR`, `RWF`. */
export type CurrencyCode = string;

const known = new Set(Intl.supportedValuesOf('currency'));
/** Cache (documented): a currency's minor-unit exponent never changes, and Intl is slow to ask. */
const exponents = new Map<string, number>();

/** Whether `code` is an ISO 4217 currency this runtime knows (ICU accepts any 3 letters, so we check the list). */
export function isCurrencyCode(code: string): code is CurrencyCode {
  return /^[A-Z]{3}$/.test(code) && known.has(code);
}

/** Throws `invalid_currency` unless `code` is a known ISO 4217 currency. */
export function assertCurrencyCode(code: string): asserts code is CurrencyCode {
  if (!isCurrencyCode(code)) throw MoneyErrors.invalid_currency({ currency: code });
}

/**
 * Number of minor-unit digits of a currency (USD 2, JPY/RWF/UGX 0, KWD 3), taken from ICU/CLDR.
 * CLDR differs from the ISO 4217 table for a few currencies (IQD 0 vs 3, IDR/HUF/COP 0 vs 2);
 * stored amounts depend on this value, so `currency.test.ts` pins the currencies we operate in.
 */
export function currencyExponent(currency: CurrencyCode): number {
  const cached = exponents.get(currency);
  if (cached !== undefined) return cached;
  assertCurrencyCode(currency);
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits;
  const exponent = digits ?? 2;
  exponents.set(currency, exponent);
  return exponent;
}
