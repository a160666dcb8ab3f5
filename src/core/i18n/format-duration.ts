/** How long units are written: `long` "14 minutes", `short` "14 min", `narrow` "14m". */
export type DurationStyle = 'long' | 'short' | 'narrow';

const UNITS = [
  { unit: 'day', ms: 86_400_000 },
  { unit: 'hour', ms: 3_600_000 },
  { unit: 'minute', ms: 60_000 },
  { unit: 'second', ms: 1_000 },
] as const;

type DurationPart = { unit: (typeof UNITS)[number]['unit']; value: number };

/**
 * The one or two largest units of a duration, rounded UP (a countdown never reaches 0 early):
 * seconds under a minute, otherwise minutes at the finest; 2 d 23 h 20 min → 3 d.
 */
export function durationParts(ms: number): DurationPart[] {
  const step = ms < 60_000 ? 1_000 : 60_000;
  let total = Math.ceil(Math.max(0, ms) / step) * step;
  if (total === 0) return [{ unit: 'second', value: 0 }];
  for (;;) {
    const largest = UNITS.findIndex(({ ms: size }) => total >= size);
    const granularity = Math.max(step, UNITS[largest + 1]?.ms ?? step);
    const rounded = Math.ceil(total / granularity) * granularity;
    if (rounded === total) return decompose(total, largest, granularity);
    total = rounded; // rounding up may reach the next unit (59.5 min → 1 h); look again
  }
}

function decompose(total: number, largest: number, granularity: number): DurationPart[] {
  const parts: DurationPart[] = [];
  let rest = total;
  for (const { unit, ms: size } of UNITS.slice(largest)) {
    if (size < granularity) break;
    const value = Math.floor(rest / size);
    rest -= value * size;
    if (value > 0) parts.push({ unit, value });
  }
  return parts;
}

/** A duration in words via Intl: `1 hour, 14 minutes`, `1 घंटा, 14 मिनट`, `1 hora y 14 minutos`. */
export function formatDuration(ms: number, locale: string, style: DurationStyle = 'long'): string {
  const words = durationParts(ms).map(({ unit, value }) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: style }).format(value),
  );
  return new Intl.ListFormat(locale, { type: 'unit', style: style === 'long' ? 'long' : 'narrow' }).format(
    words,
  );
}

/** "in 14 minutes" / "2 hours ago" style, picking the unit from the distance between `date` and `now`. */
export function formatRelativeTime(date: Date, options: { now: Date; locale: string }): string {
  const diff = date.getTime() - options.now.getTime();
  const format = new Intl.RelativeTimeFormat(options.locale, { numeric: 'auto' });
  const size = Math.abs(diff);
  if (size < 60_000) return format.format(Math.round(diff / 1_000), 'second');
  if (size < 3_600_000) return format.format(Math.round(diff / 60_000), 'minute');
  if (size < 86_400_000) return format.format(Math.round(diff / 3_600_000), 'hour');
  return format.format(Math.round(diff / 86_400_000), 'day');
}
