import { formatTime } from '../../core/i18n/index.ts';
import { localMoment } from '../../core/time/index.ts';
import { dateTimeFormat } from '../../platform/intl/index.ts';

/**
 * When a hold ends, as the buyer reads it in the organization's time zone (issue 40, item 16): the
 * time of day alone when that is today there (`16:17`, `4:17 PM`), else with its day
 * (`16:17 del 25 de noviembre`); `t` words the day in the buyer's language (`until.other_day`).
 */
export function holdUntil(
  expiresAt: Date,
  o: {
    now: Date;
    timeZone: string;
    locale: string;
    t: (key: string, params: Record<string, string>) => string;
  },
): string {
  const time = formatTime(expiresAt, { locale: o.locale, timeZone: o.timeZone });
  if (localMoment(expiresAt, o.timeZone).date === localMoment(o.now, o.timeZone).date) return time;
  const date = dateTimeFormat(o.locale, { day: 'numeric', month: 'long', timeZone: o.timeZone }).format(
    expiresAt,
  );
  return o.t('until.other_day', { time, date });
}
