import { overlapDays } from '../../core/time/index.ts';
import type { DateRange } from './mess.rules.ts';

export interface CycleTerms extends DateRange {
  id: string;
  name: string;
  feeMinor: number;
  rebatePerDayMinor: number;
}

export interface CycleDues {
  cycleId: string;
  name: string;
  feeMinor: number;
  cutDays: number;
  rebateMinor: number;
  dueMinor: number;
  paidMinor: number;
  balanceMinor: number;
}

/**
 * Itemized dues of one cycle: the fee, minus a per-day rebate for mess-cut days inside the
 * cycle (never below zero), minus what was paid. Integers in minor units.
 */
export function duesOf(cycle: CycleTerms, cuts: ReadonlyArray<DateRange>, paidMinor: number): CycleDues {
  const cutDays = cuts.reduce((n, c) => n + overlapDays(c, cycle), 0);
  const rebateMinor = Math.min(cycle.feeMinor, cutDays * cycle.rebatePerDayMinor);
  const dueMinor = cycle.feeMinor - rebateMinor;
  return {
    cycleId: cycle.id,
    name: cycle.name,
    feeMinor: cycle.feeMinor,
    cutDays,
    rebateMinor,
    dueMinor,
    paidMinor,
    balanceMinor: dueMinor - paidMinor,
  };
}
