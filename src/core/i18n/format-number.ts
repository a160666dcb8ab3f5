import { numberFormat } from '../../platform/intl/index.ts';

/** A number for people in a locale (`12,34,567.5` in `hi`, `1.234.567,5` in `es`); options pass through to Intl. */
export function formatNumber(
  value: number | bigint,
  locale: string,
  options: Intl.NumberFormatOptions = {},
): string {
  return numberFormat(locale, options).format(value);
}

/** A ratio as a percentage: `formatPercent(0.125, 'en')` → `12.5%`. */
export function formatPercent(ratio: number, locale: string, maximumFractionDigits = 1): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits }).format(ratio);
}
