/**
 * The console's one way to write dates and money: the staff member's language for the words and
 * digits, the organization's time zone for the clock (a cut-off at 23:00 in Kolkata reads 23:00
 * wherever the browser is). Pure functions; `useFormat` binds them to the session.
 */

import { isUuid } from '../../../../src/platform/ids/browser.ts';

/** Kinyarwanda's months, for the dates browsers write in English for `rw` (Chromium has no Kinyarwanda). */
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
];
const isKinyarwanda = (locale: string) => /^rw\b/i.test(locale);

/**
 * `Intl.DateTimeFormat`, but Kinyarwanda (issue 54, item 11: "Nov 26, 2026" in a Kinyarwanda console)
 * is written the same everywhere, day, month in words, year ("26 Ugushyingo 2026, 04:00 GMT+2"):
 * British English's order and clock with Kinyarwanda's month names.
 */
function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): { format(date: Date): string } {
  // Hindi's own clock leaves a Latin "pm" ("1:00 pm"): the part of the day in words, "1:00 दोपहर" (issue 66 item 4).
  if (/^hi\b/i.test(locale) && options.hour)
    return new Intl.DateTimeFormat(locale, { ...options, dayPeriod: 'short' });
  if (!isKinyarwanda(locale)) return new Intl.DateTimeFormat(locale, options);
  const english = new Intl.DateTimeFormat('en-GB', options);
  const month = new Intl.DateTimeFormat('en', { month: 'numeric', timeZone: options.timeZone });
  return {
    format: (date) =>
      english
        .formatToParts(date)
        .map((p) => (p.type === 'month' ? RW_MONTHS[Number(month.format(date)) - 1] : p.value))
        .join(''),
  };
}

export function formatDateTime(value: unknown, locale: string, timeZone?: string): string {
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) return String(value);
  // The zone is written out ("GMT+5:30"): staff in another place read the business's clock, not theirs.
  return dateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone: zone(timeZone),
  }).format(date);
}

/** The clock time alone ("23:15 GMT+5:30"), for lists of today's events; zone as `formatDateTime`. */
export function formatTime(value: unknown, locale: string, timeZone?: string): string {
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) return String(value);
  return dateTimeFormat(locale, {
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone: zone(timeZone),
  }).format(date);
}

/** A calendar date (`2026-11-22`) stays that day; a timestamp is read in the organization's zone. */
export function formatDate(value: unknown, locale: string, timeZone?: string): string {
  const text = String(value);
  const plain = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const date = plain ? new Date(`${text}T12:00:00Z`) : new Date(text);
  if (Number.isNaN(date.getTime())) return text;
  return dateTimeFormat(locale, {
    dateStyle: 'medium',
    timeZone: plain ? 'UTC' : zone(timeZone),
  }).format(date);
}

/** Integer minor units as money in the currency's own digits: 250 USD → "$2.50". */
export function formatMoney(minor: number | string, currency: string, locale: string): string {
  // Kinyarwanda groups by "." and marks decimals with "," ("RWF 1.481"), which browsers write in English.
  const rw = isKinyarwanda(locale);
  const format = new Intl.NumberFormat(rw ? 'en' : locale, { style: 'currency', currency });
  const exponent = format.resolvedOptions().maximumFractionDigits ?? 2;
  const text = format.format(Number(minor) / 10 ** exponent);
  return rw ? text.replace(/[,.]/g, (c) => (c === ',' ? '.' : ',')) : text;
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

/** The wall clock of `date` in `timeZone` as the parts a native input shows. */
function wallClock(date: Date, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * A stored instant as a native `datetime-local` value in the organization's zone
 * (`2026-12-24T18:00`): staff type the clock of the place the business runs, wherever the browser is.
 */
export function toZoneInput(value: unknown, timeZone?: string): string {
  if (value === null || value === undefined || value === '') return '';
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) return '';
  const tz = zone(timeZone);
  if (!tz) return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  const wall = wallClock(date, tz);
  return `${wall.date}T${wall.time}`;
}

/**
 * A `datetime-local` value read as the organization's wall clock, as an ISO instant; null for an
 * empty or unreadable value. A clock time that a DST change skips reads as the next valid minute.
 */
export function fromZoneInput(local: string, timeZone?: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local ?? '');
  if (!m) return null;
  const tz = zone(timeZone);
  if (!tz) return new Date(local).toISOString();
  const asUtc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  // The zone's offset at a guess, then once more at the corrected instant (DST edges).
  const offsetAt = (t: number) => {
    const wall = wallClock(new Date(t), tz);
    const [y, mo, d] = wall.date.split('-').map(Number);
    const [h, mi] = wall.time.split(':').map(Number);
    return Date.UTC(y!, mo! - 1, d!, h!, mi!) - Math.floor(t / 60_000) * 60_000;
  };
  let at = asUtc - offsetAt(asUtc);
  at = asUtc - offsetAt(at);
  return new Date(at).toISOString();
}

/**
 * A record named by its id alone (it has no title): the id's first eight characters, as `#1a2b3c4d`,
 * the way history names such records too; a 36-character UUID is never a title.
 */
export function shortReference(id: unknown): string {
  const text = String(id);
  return isUuid(text.slice(0, 36)) ? `#${text.slice(0, 8)}` : text;
}
