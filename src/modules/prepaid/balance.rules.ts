import type { Reading } from './consumption.rules.ts';

const DAY = 86_400_000;

/** Units that reached a meter (sold to it, or keyed in where it says so): when, tenths of a kWh. */
export interface Credit {
  at: Date;
  tenths: number;
}

/**
 * What a balance rests on: `reported` the meter's own word; `keyed_in` the tokens the meter reported
 * taking, less its use; `sold` the tokens sold to it, less its use (a meter that tells us nothing of
 * its tokens: a silent meter).
 */
export type BalanceBasis = 'reported' | 'keyed_in' | 'sold';

/**
 * Why an estimate is not good enough to alert on: `few_readings` its use is not known yet (fewer
 * than ESTIMATE_TRUST.minReadings readings over less than ESTIMATE_TRUST.minHistoryDays days);
 * `stale_readings` its last reading is too old to carry the use on from; `unrecorded_units` it used
 * more than it was ever sold (units from before Opsdesk sold to it: what is left of them is unknown).
 */
export type BalanceDoubt = 'few_readings' | 'stale_readings' | 'unrecorded_units';

/**
 * When an estimate is trusted (issue 54, item 7): its readings cover at least two days, three
 * readings or more, the last at most three days old, and the units on record explain all the use it
 * measured (to within a day's use). Only a trusted estimate raises a low-balance alert.
 */
export const ESTIMATE_TRUST = { minReadings: 3, minHistoryDays: 2, maxReadingAgeDays: 3 } as const;

/** A meter's balance, its daily use and days left, and how far it may be believed. */
export interface BalanceFacts {
  /** Tenths of a kWh left, never below zero. */
  balanceTenths: number;
  /** Average use per day over the readings given (tenths of a kWh), null with fewer than two. */
  dailyTenths: number | null;
  /** Whole days the balance lasts at the average use; null when use is unknown or zero. */
  daysLeft: number | null;
  basis: BalanceBasis;
  /** True unless the meter gave the balance itself. */
  estimated: boolean;
  /** Whether alerts may act on it: the meter's own balance, or an estimate with no doubt. */
  trusted: boolean;
  doubt: BalanceDoubt | null;
}

const rise = (a: Reading, b: Reading) => Math.max(0, b.registerTenths - a.registerTenths);
const byReadAt = (a: Reading, b: Reading) => a.readAt.getTime() - b.readAt.getTime();

/** Average use per day over the readings (a register that goes down counts no use); null under two. */
export function averageDailyUse(readings: Reading[]): number | null {
  const sorted = [...readings].sort(byReadAt);
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last || last === first) return null;
  let used = 0;
  for (let i = 1; i < sorted.length; i++) used += rise(sorted[i - 1]!, sorted[i]!);
  const days = (last.readAt.getTime() - first.readAt.getTime()) / DAY;
  return days > 0 ? Math.round(used / days) : null;
}

export interface EstimateInput {
  /** The recent readings (the last 30 days) the use per day and the trust are read from. */
  readings: Reading[];
  /**
   * Where the walk starts: the balance at the reading before the recent ones (or the first of them),
   * and the use before it that no credit explains. Absent for a meter never read.
   */
  start: { reading: Reading; carriedTenths: number; unrecordedTenths: number } | null;
  /** Credits after the start's reading (all credits for a meter never read). */
  credits: Credit[];
  now: Date;
  basis: Exclude<BalanceBasis, 'reported'>;
}

/**
 * A balance from units credited and the register (issue 54, item 7), walked in time from a start:
 * each rise of the register is paid from what was credited by then (a sale before a reading comes
 * before the use it shows), and a rise no credit covers counts as units on record nowhere (the meter
 * had them from before) instead of swallowing the credits that come after it: a meter that ran on
 * old units and was then sold 9.5 kWh has about 9.5 kWh, not 0. The use since the last reading is
 * carried on at the average daily use. The result is a lower bound when units are unrecorded.
 */
export function estimateBalance(input: EstimateInput): BalanceFacts {
  const dailyTenths = averageDailyUse(input.readings);
  const credits = [...input.credits].sort((a, b) => a.at.getTime() - b.at.getTime());
  const walk = [
    ...(input.start ? [input.start.reading] : []),
    ...[...input.readings]
      .filter((r) => !input.start || r.readAt.getTime() > input.start.reading.readAt.getTime())
      .sort(byReadAt),
  ];
  let balance = input.start?.carriedTenths ?? 0;
  let unrecorded = input.start?.unrecordedTenths ?? 0;
  let next = 0;
  const creditUpTo = (at: Date | null) => {
    while (next < credits.length && (at === null || credits[next]!.at.getTime() <= at.getTime()))
      balance += credits[next++]!.tenths;
  };
  for (const [i, reading] of walk.entries()) {
    creditUpTo(reading.readAt);
    if (i === 0) continue;
    const used = rise(walk[i - 1]!, reading);
    if (used > balance) unrecorded += used - balance;
    balance = Math.max(0, balance - used);
  }
  creditUpTo(null);
  const last = walk.at(-1);
  const sinceLastDays = last ? Math.max(0, input.now.getTime() - last.readAt.getTime()) / DAY : 0;
  if (dailyTenths) balance = Math.max(0, balance - Math.round(dailyTenths * sinceLastDays));
  const doubt = doubtOf(input.readings, unrecorded, dailyTenths, input.now);
  return {
    balanceTenths: balance,
    dailyTenths,
    daysLeft: dailyTenths ? Math.floor(balance / dailyTenths) : null,
    basis: input.basis,
    estimated: true,
    trusted: doubt === null,
    doubt,
  };
}

/** What keeps an estimate from being trusted (ESTIMATE_TRUST), or null. */
export function doubtOf(
  readings: Reading[],
  unrecordedTenths: number,
  dailyTenths: number | null,
  now: Date,
): BalanceDoubt | null {
  const times = readings.map((r) => r.readAt.getTime());
  const first = Math.min(...times);
  const last = Math.max(...times);
  if (readings.length < ESTIMATE_TRUST.minReadings || (last - first) / DAY < ESTIMATE_TRUST.minHistoryDays)
    return 'few_readings';
  if ((now.getTime() - last) / DAY > ESTIMATE_TRUST.maxReadingAgeDays) return 'stale_readings';
  // the order of a sale and the use around it within one reading's interval is not known: a day's use
  if (unrecordedTenths > Math.max(dailyTenths ?? 0, 10)) return 'unrecorded_units';
  return null;
}

/** The balance a meter reported itself (issue 41, item 5), and the units credited to it since. */
export interface ReportedBalance {
  balanceTenths: number;
  at: Date;
  /** Units of tokens the meter took after that report (a later report showed them keyed in). */
  creditedSinceTenths: number;
}

/**
 * A meter that reports its balance is believed over any estimate: what it last reported, less the
 * register's rise since, plus tokens it took since; days left at the same average use.
 */
export function reportedBalance(readings: Reading[], reported: ReportedBalance): BalanceFacts {
  const dailyTenths = averageDailyUse(readings);
  const since = [...readings].filter((r) => r.readAt.getTime() >= reported.at.getTime()).sort(byReadAt);
  let used = 0;
  for (let i = 1; i < since.length; i++) used += rise(since[i - 1]!, since[i]!);
  const balanceTenths = Math.max(0, reported.balanceTenths - used + reported.creditedSinceTenths);
  return {
    balanceTenths,
    dailyTenths,
    daysLeft: dailyTenths ? Math.floor(balanceTenths / dailyTenths) : null,
    basis: 'reported',
    estimated: false,
    trusted: true,
    doubt: null,
  };
}
