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

/** Why a typed amount cannot be billed, so staff read what to fix (never a silent no). */
export type AmountProblem = 'empty' | 'zero' | 'negative' | 'digits' | 'format';

/**
 * What staff typed ("12.5", "12,50", "1 200") in integer minor units, or the problem with it:
 * zero, a negative amount, more digits after the point than the currency has (12.345 in USD), or
 * not a number. Parsed as text, never through a float.
 */
export function readAmount(text: string, digits: number): { minor: number } | { problem: AmountProblem } {
  const cleaned = text
    .trim()
    .replace(/[\s\u00a0']/g, '')
    .replace(',', '.');
  if (cleaned === '') return { problem: 'empty' };
  if (/^[-\u2212]/.test(cleaned) && /\d/.test(cleaned)) return { problem: 'negative' };
  const match = /^(\d{1,12})(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return { problem: 'format' };
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return { problem: 'digits' };
  const minor = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) return { problem: 'format' };
  return minor > 0 ? { minor } : { problem: 'zero' };
}

/** The typed amount in minor units, or `undefined` when `readAmount` finds a problem with it. */
export function toMinor(text: string, digits: number): number | undefined {
  const read = readAmount(text, digits);
  return 'minor' in read ? read.minor : undefined;
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
