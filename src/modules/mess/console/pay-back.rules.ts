/** Digits after the decimal point of a currency's amounts (INR 2, JPY 0), as the browser knows it. */
export const digitsOf = (currency: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** What the Pay back dialog starts with: all that may go back, in major units; empty when nothing may. */
export function payBackPrefill(creditMinor: number, digits: number): string {
  return creditMinor > 0 ? (creditMinor / 10 ** digits).toFixed(digits) : '';
}

/** An amount typed in major units (`1,5` or `1.5`) in minor units; NaN when it is no number. */
export const toMinor = (text: string, digits: number) =>
  Math.round(Number(text.trim().replace(',', '.')) * 10 ** digits);
