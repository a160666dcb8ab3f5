/** A register reading: cumulative tenths of a kWh at a moment. */
export interface Reading {
  readAt: Date;
  registerTenths: number;
}

export interface Consumption {
  /** Average use per day over the readings given (tenths of a kWh), null with fewer than two. */
  dailyTenths: number | null;
  /** Units bought minus units used since the first reading, never below zero. */
  balanceTenths: number;
  /** Whole days the balance lasts at the average use; null when use is unknown or zero. */
  daysLeft: number | null;
}

/**
 * Balance and days left from the units bought since the first reading and the register's rise.
 * A register that goes down (a replaced meter, a typo) counts no use for that step.
 */
export function consumption(readings: Reading[], boughtSinceFirstTenths: number): Consumption {
  const sorted = [...readings].sort((a, b) => a.readAt.getTime() - b.readAt.getTime());
  let used = 0;
  for (let i = 1; i < sorted.length; i++)
    used += Math.max(0, sorted[i]!.registerTenths - sorted[i - 1]!.registerTenths);
  const first = sorted[0];
  const last = sorted.at(-1);
  const days = first && last ? (last.readAt.getTime() - first.readAt.getTime()) / 86_400_000 : 0;
  const dailyTenths = days > 0 ? Math.round(used / days) : null;
  const balanceTenths = Math.max(0, boughtSinceFirstTenths - used);
  const daysLeft = dailyTenths ? Math.floor(balanceTenths / dailyTenths) : null;
  return { dailyTenths, balanceTenths, daysLeft };
}

/** The balance a meter reported itself (issue 41, item 5), and the units credited to it since. */
export interface ReportedBalance {
  balanceTenths: number;
  at: Date;
  /** Units of tokens the meter took after that report (a later report showed them keyed in). */
  creditedSinceTenths: number;
}

/**
 * A meter that reports its balance is believed over the units sold: its balance is what it last
 * reported, less the register's rise since, plus tokens it took since; days left follow from that
 * balance at the same average use. A meter that never reported one keeps the sold-units estimate.
 */
export function withReportedBalance(
  readings: Reading[],
  estimate: Consumption,
  reported: ReportedBalance | null,
): Consumption {
  if (!reported) return estimate;
  const since = [...readings]
    .filter((r) => r.readAt.getTime() >= reported.at.getTime())
    .sort((a, b) => a.readAt.getTime() - b.readAt.getTime());
  let used = 0;
  for (let i = 1; i < since.length; i++)
    used += Math.max(0, since[i]!.registerTenths - since[i - 1]!.registerTenths);
  const balanceTenths = Math.max(0, reported.balanceTenths - used + reported.creditedSinceTenths);
  const daysLeft = estimate.dailyTenths ? Math.floor(balanceTenths / estimate.dailyTenths) : null;
  return { dailyTenths: estimate.dailyTenths, balanceTenths, daysLeft };
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
