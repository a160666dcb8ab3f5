import { tz } from '@date-fns/tz';
// The one function, not the package index: that loads all 300 of date-fns' files at start.
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { dateTimeFormat } from '../../platform/intl/index.ts';

/** Where and how to show a date; the time zone is required so nothing silently uses the server's zone. */
export type DateFormatOptions = {
  locale: string;
  timeZone: string;
  style?: 'short' | 'medium' | 'long' | 'full';
};

/** A calendar date in the operator's zone: `1 Mar 2025`, `1 मार्च 2025`, `1 mar 2025`. */
export function formatDate(date: Date, { locale, timeZone, style = 'medium' }: DateFormatOptions): string {
  return dateTimeFormat(locale, { dateStyle: style, timeZone }).format(date);
}

/** Date and time of day in the operator's zone (time always short: no seconds). */
export function formatDateTime(
  date: Date,
  { locale, timeZone, style = 'medium' }: DateFormatOptions,
): string {
  return dateTimeFormat(locale, { dateStyle: style, timeStyle: 'short', timeZone }).format(date);
}

/** Time of day only, in the operator's zone: `7:30 PM`, `19:30`. */
export function formatTime(date: Date, { locale, timeZone }: Omit<DateFormatOptions, 'style'>): string {
  return dateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(date);
}

/**
 * "today", "tomorrow", "yesterday", "in 3 days" for `date` as seen from `now`, counting calendar
 * days in the operator's zone (22:30 UTC may already be tomorrow in Asia/Kolkata).
 */
export function formatRelativeDay(
  date: Date,
  options: { now: Date; locale: string; timeZone: string },
): string {
  const days = differenceInCalendarDays(date, options.now, { in: tz(options.timeZone) });
  return new Intl.RelativeTimeFormat(options.locale, { numeric: 'auto' }).format(days, 'day');
}
