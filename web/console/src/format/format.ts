/**
 * The console's one way to write dates and money: the staff member's language for the words and
 * digits, the organization's time zone for the clock (a cut-off at 23:00 in Kolkata reads 23:00
 * wherever the browser is). Pure functions; `useFormat` binds them to the session.
 */

export function formatDateTime(value: unknown, locale: string, timeZone?: string): string {
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: zone(timeZone),
  }).format(date);
}

/** A calendar date (`2026-11-22`) stays that day; a timestamp is read in the organization's zone. */
export function formatDate(value: unknown, locale: string, timeZone?: string): string {
  const text = String(value);
  const plain = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const date = plain ? new Date(`${text}T12:00:00Z`) : new Date(text);
  if (Number.isNaN(date.getTime())) return text;
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeZone: plain ? 'UTC' : zone(timeZone),
  }).format(date);
}

/** Integer minor units as money in the currency's own digits: 250 USD → "$2.50". */
export function formatMoney(minor: number | string, currency: string, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const exponent = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(Number(minor) / 10 ** exponent);
}

/** A time zone Intl accepts, or undefined (the browser's) for a missing or unknown one. */
function zone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}
