import { useLocaleState } from 'react-admin';
import { useSession } from '../api/use-session.ts';
import { formatDate, formatDateTime, formatMoney, formatTime } from './format.ts';

/** The console's date and money formats, in the staff member's language and the organization's zone. */
export function useFormat() {
  const [locale] = useLocaleState();
  const session = useSession();
  const timeZone = session?.organization.timeZone;
  return {
    locale,
    dateTime: (value: unknown) => formatDateTime(value, locale, timeZone),
    date: (value: unknown) => formatDate(value, locale, timeZone),
    time: (value: unknown) => formatTime(value, locale, timeZone),
    money: (minor: number | string, currency?: string) =>
      formatMoney(minor, currency || session?.organization.currency || 'USD', locale),
  };
}
