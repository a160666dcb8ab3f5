/** Digits after the decimal point of a currency (JPY 0, USD 2, KWD 3), from the browser's ICU data. */
export function currencyDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

/**
 * What staff typed ("12.5", "12,50", "1 200") in integer minor units, or `undefined` when it is not
 * a positive amount with at most the currency's digits. Parsed as text, never through a float.
 */
export function toMinor(text: string, digits: number): number | undefined {
  const cleaned = text
    .trim()
    .replace(/[\s\u00a0']/g, '')
    .replace(',', '.');
  const match = /^(\d{1,12})(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return undefined;
  const minor = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return minor > 0 && Number.isSafeInteger(minor) ? minor : undefined;
}

/** Minor units shown in a currency for a locale ("$12.50", "12,50 US$"). */
export function formatMinor(minor: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(minor / 10 ** digits);
  } catch {
    return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`;
  }
}
