/** A register reading: cumulative tenths of a kWh at a moment. */
export interface Reading {
  readAt: Date;
  registerTenths: number;
}

/** `2026-12-01` for a moment in a time zone. */
export const localDate = (at: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );

/**
 * Use per local day for a chart: each rise between two readings counts on the day of the later
 * one (a register that goes down counts nothing). Every day from `from` to `to` is present.
 */
export function dailySeries(
  readings: Reading[],
  range: { from: Date; to: Date; timeZone: string },
): Array<{ date: string; tenths: number }> {
  const sorted = [...readings].sort((a, b) => a.readAt.getTime() - b.readAt.getTime());
  const byDay = new Map<string, number>();
  for (let d = range.from.getTime(); d <= range.to.getTime(); d += 86_400_000)
    byDay.set(localDate(new Date(d), range.timeZone), 0);
  byDay.set(localDate(range.to, range.timeZone), 0);
  for (let i = 1; i < sorted.length; i++) {
    const day = localDate(sorted[i]!.readAt, range.timeZone);
    if (!byDay.has(day)) continue;
    byDay.set(day, byDay.get(day)! + Math.max(0, sorted[i]!.registerTenths - sorted[i - 1]!.registerTenths));
  }
  return [...byDay.entries()].map(([date, tenths]) => ({ date, tenths }));
}
