import type { BalanceFacts } from './balance.rules.ts';
import type { Reading } from './consumption.rules.ts';

export type AlertKind = 'low_balance' | 'unusual_consumption';

/** An account's alert settings (kWh in tenths). */
export interface AlertSettings {
  enabled: boolean;
  lowDays: number;
  lowTenths: number;
  unusualPercent: number;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  enabled: true,
  lowDays: 3,
  lowTenths: 50,
  unusualPercent: 200,
};

const DAY = 86_400_000;

/**
 * The last day's use against the usual daily use before it: the register's rise from the latest
 * reading at least a day before the newest one, per day; the usual use is the average up to that
 * reading. Null when the readings do not cover a day before and a day in the window.
 */
export function lastDayUse(readings: Reading[]): { lastDayTenths: number; usualTenths: number } | null {
  const sorted = [...readings].sort((a, b) => a.readAt.getTime() - b.readAt.getTime());
  const last = sorted.at(-1);
  if (!last) return null;
  const cutoff = last.readAt.getTime() - DAY;
  const before = sorted.filter((r) => r.readAt.getTime() <= cutoff);
  const prior = before.at(-1);
  const first = before[0];
  if (!prior || !first || prior === first) return null;
  const rise = (a: Reading, b: Reading) => Math.max(0, b.registerTenths - a.registerTenths);
  let usual = 0;
  for (let i = 1; i < before.length; i++) usual += rise(before[i - 1]!, before[i]!);
  const usualDays = (prior.readAt.getTime() - first.readAt.getTime()) / DAY;
  const lastDays = (last.readAt.getTime() - prior.readAt.getTime()) / DAY;
  return {
    lastDayTenths: Math.round(rise(prior, last) / lastDays),
    usualTenths: Math.round(usual / usualDays),
  };
}

/**
 * Whether an alert of a kind should be open now, given whether one is open: raised at the
 * threshold, cleared only well past it (a quarter of the threshold more), so a meter hovering at
 * the line does not raise one alert after another. A low balance is alerted on only when the
 * balance is trusted (the meter's own, or an estimate ESTIMATE_TRUST accepts, issue 54 item 7): an
 * estimate that knows too little says nothing, and an alert it raised is cleared.
 */
export function alertState(
  kind: AlertKind,
  s: AlertSettings,
  c: BalanceFacts & { lastDay: ReturnType<typeof lastDayUse> },
  open: boolean,
): boolean {
  if (!s.enabled) return false;
  if (kind === 'low_balance') {
    if (!c.trusted) return false;
    const slack = open ? 1.25 : 1;
    const lowKwh = c.balanceTenths <= s.lowTenths * slack;
    const lowDays = c.daysLeft !== null && c.daysLeft <= s.lowDays * slack;
    return lowKwh || lowDays;
  }
  if (!c.lastDay || c.lastDay.usualTenths <= 0) return false;
  const percent = open ? 100 + (s.unusualPercent - 100) * 0.75 : s.unusualPercent;
  return c.lastDay.lastDayTenths * 100 > c.lastDay.usualTenths * percent;
}
