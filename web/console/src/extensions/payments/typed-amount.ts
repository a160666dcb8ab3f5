/** Digits after the point of a currency (RWF none, USD two), as the browser knows it. */
export const currencyExponent = (currency: string): number =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** An amount staff typed in major units (`1,5` or `1.5`) in minor units; NaN when it is no number. */
export const typedMinor = (text: string, currency: string): number =>
  Math.round(Number(text.trim().replace(',', '.')) * 10 ** currencyExponent(currency));

/** Minor units as the text an amount field starts with (`3500.00`, `1500`). */
export const typedMajor = (minor: number, currency: string): string =>
  (minor / 10 ** currencyExponent(currency)).toFixed(currencyExponent(currency));
