/**
 * Numbers, kWh, money and dates as a prepaid customer reads them in their language (issue 54, item
 * 11): "11,4 kWh" in French and Kinyarwanda, "RWF 1.481" and "26 Ugushyingo 2026" in Kinyarwanda.
 * Browser-safe: the portal, the console and the server's PDFs and messages write them alike.
 * Chromium's own locale data has no Kinyarwanda (it wrote "RWF 1,481" and "Nov 26, 2026"), so
 * Kinyarwanda is written from CLDR's rules here (digits grouped by ".", decimals after ",", months
 * in words) wherever the code runs, and the same in Node, which has them.
 */

const RW_MONTHS = [
  'Mutarama',
  'Gashyantare',
  'Werurwe',
  'Mata',
  'Gicurasi',
  'Kamena',
  'Nyakanga',
  'Kanama',
  'Nzeri',
  'Ukwakira',
  'Ugushyingo',
  'Ukuboza',
] as const;

/** The language part of a tag (`fr-RW` → `fr`). */
const languageOf = (locale: string) => locale.toLowerCase().split(/[-_]/)[0] ?? 'en';

/** English digits with CLDR Kinyarwanda's separators: `1,234.5` → `1.234,5`. */
const rwDigits = (english: string) => english.replace(/[,.]/g, (c) => (c === ',' ? '.' : ','));

/** A number in a language's digits and separators, with `Intl.NumberFormat` options. */
export function numberIn(value: number, locale: string, options: Intl.NumberFormatOptions = {}): string {
  if (languageOf(locale) === 'rw') return rwDigits(new Intl.NumberFormat('en', options).format(value));
  return new Intl.NumberFormat(locale, options).format(value);
}

/** Tenths of a kWh with one decimal: 114 → "11.4" (en), "11,4" (fr, rw); thousands grouped. */
export const kwhIn = (tenths: number, locale: string): string =>
  numberIn(tenths / 10, locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Decimal places a currency's minor unit has (RWF 0, USD 2). */
export function currencyDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** Minor units as money with the currency's code: 1481 RWF → "RWF 1,481" (en), "1 481 RWF" (fr), "RWF 1.481" (rw). */
export function moneyIn(amountMinor: number, currency: string, locale: string): string {
  const options: Intl.NumberFormatOptions = { style: 'currency', currency, currencyDisplay: 'code' };
  return numberIn(amountMinor / 10 ** currencyDigits(currency), locale, options);
}

/**
 * A day as a customer reads it: a calendar date (`2026-11-26`) as that day, a moment as its day in
 * `timeZone` (the operator's): "Nov 26, 2026" (en), "26 nov. 2026" (fr), "26 Ugushyingo 2026" (rw).
 */
export function dateIn(value: Date | string, locale: string, timeZone = 'UTC'): string {
  const plain = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = plain ? new Date(`${value}T12:00:00Z`) : new Date(value);
  const zone = plain ? 'UTC' : timeZone;
  if (languageOf(locale) !== 'rw')
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: zone }).format(date);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en', { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: zone })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day} ${RW_MONTHS[Number(parts.month) - 1]} ${parts.year}`;
}

/** A month (`2026-11`) in words: "November 2026" (en), "novembre 2026" (fr), "Ugushyingo 2026" (rw). */
export function monthIn(month: string, locale: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  if (languageOf(locale) === 'rw') return `${RW_MONTHS[m - 1]} ${y}`;
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 15)),
  );
}
