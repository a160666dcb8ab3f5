import { numberFormat } from '../../platform/intl/index.ts';
import { currencyExponent } from './currency.ts';
import type { Money } from './money.ts';
import { toDecimalString } from './money-decimal.ts';

/** Options passed through to `Intl.NumberFormat` (how the currency is shown, sign style). */
export type FormatMoneyOptions = {
  currencyDisplay?: 'symbol' | 'narrowSymbol' | 'code' | 'name';
  signDisplay?: 'auto' | 'always' | 'exceptZero' | 'negative' | 'never';
};

/**
 * Human display for a locale via Intl (`₹12,34,567.50` in `hi`, `12,50 US$` in `es`).
 * The exact decimal string is formatted, never a float, so no digit is ever rounded away.
 */
export function formatMoney(amount: Money, locale: string, options: FormatMoneyOptions = {}): string {
  const exponent = currencyExponent(amount.currency);
  const formatter = numberFormat(locale, {
    style: 'currency',
    currency: amount.currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
    ...options,
  });
  return formatter.format(toDecimalString(amount) as Intl.StringNumericLiteral);
}
