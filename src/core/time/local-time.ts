/**
 * Wall-clock arithmetic in an organization's time zone with `Intl` only, so browsers (the offline
 * scanner) run it exactly as the server does: dates are `YYYY-MM-DD` strings, times `HH:MM`,
 * weekdays 1 = Monday … 7 = Sunday.
 */
export interface LocalMoment {
  /** `YYYY-MM-DD` in the zone. */
  date: string;
  /** `HH:MM` in the zone. */
  time: string;
  /** Minutes since local midnight. */
  minutes: number;
  /** Seconds past the minute (for countdowns). */
  seconds: number;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
}

/**
 * A deliberate process-wide cache, one formatter per time zone: building an `Intl.DateTimeFormat`
 * costs far more than using one, and `localMoment` runs on every scan and rule check. Formatters
 * are immutable and keyed only by zone, so apps sharing a process share nothing that could differ;
 * the map holds at most one entry per IANA zone in use.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock of `timeZone` at the instant `at`. */
export function localMoment(at: Date, timeZone: string): LocalMoment {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) parts[p.type] = p.value;
  const hour = Number(parts.hour) % 24;
  const minute = Number(parts.minute);
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${String(hour).padStart(2, '0')}:${parts.minute}`,
    minutes: hour * 60 + minute,
    seconds: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 1,
  };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const isIsoDate = (value: string): boolean => {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
};
export const isClockTime = (value: string): boolean => TIME.test(value);

/** `HH:MM` → minutes since midnight. */
export function minutesOf(time: string): number {
  const m = TIME.exec(time);
  if (!m) throw new Error(`not a HH:MM time: ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

const utcDay = (date: string): number => {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
};

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date((utcDay(date) + days) * 86_400_000).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysFrom(from: string, to: string): number {
  return utcDay(to) - utcDay(from);
}

/** 1 = Monday … 7 = Sunday of a calendar date. */
export function weekdayOf(date: string): number {
  const d = new Date(utcDay(date) * 86_400_000).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Days both inclusive ranges share. */
export function overlapDays(a: { from: string; to: string }, b: { from: string; to: string }): number {
  const from = a.from > b.from ? a.from : b.from;
  const to = a.to < b.to ? a.to : b.to;
  return to < from ? 0 : daysFrom(from, to) + 1;
}

/** Whether `tz` is an IANA time zone this runtime knows (`Asia/Kolkata`). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
