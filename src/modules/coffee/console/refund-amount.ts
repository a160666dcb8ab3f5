/** The minor-unit digits of a currency (USD 2, RWF 0), as the browser's Intl knows them. */
function digitsOf(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** An amount typed in major units ("3.50", "3,5") in minor units; NaN when it is no number. */
export function minorOfTyped(text: string, currency: string): number {
  const trimmed = text.trim().replace(',', '.');
  if (!/^\d+(\.\d*)?$/.test(trimmed)) return Number.NaN;
  return Math.round(Number(trimmed) * 10 ** digitsOf(currency));
}

/** Minor units as the amount field shows them, in major units with the currency's digits ("3.50"). */
export function typedOfMinor(minor: number, currency: string): string {
  const digits = digitsOf(currency);
  return (minor / 10 ** digits).toFixed(digits);
}
