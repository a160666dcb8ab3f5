/**
 * Calendar and wall-clock helpers in an organization's time zone. Browser-safe (`Intl` only, no
 * imports), so code the offline scanner bundles can use it.
 */
export {
  addDays,
  daysFrom,
  isClockTime,
  isIsoDate,
  isTimeZone,
  type LocalMoment,
  localMoment,
  minutesOf,
  overlapDays,
  weekdayOf,
} from './local-time.ts';
