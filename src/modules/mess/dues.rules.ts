import { overlapDays } from '../../core/time/index.ts';
import type { Closure, DateRange } from './mess.rules.ts';

export interface CycleTerms extends DateRange {
  id: string;
  name: string;
  feeMinor: number;
  rebatePerDayMinor: number;
  /** An imported cycle bills only these students (the original's); absent, it bills every student. */
  members?: ReadonlySet<string>;
}

export interface CycleDues {
  cycleId: string;
  name: string;
  feeMinor: number;
  /** Days of the cycle the student cut that the mess was open (a cut day the mess closed counts as closed). */
  cutDays: number;
  /** Days of the cycle the mess was closed all day: rebated to every student, cut or not. */
  closedDays: number;
  /** `(cutDays + closedDays) × rebate per day`, never above the fee. */
  rebateMinor: number;
  dueMinor: number;
  paidMinor: number;
  /** Credit of the cycle before (over-payment) that pays towards this one. */
  creditInMinor: number;
  /** What is still owed; negative while over-paid before the credit moves on. */
  balanceMinor: number;
  /** Over-payment of this cycle carried to the next cycle (0 for the newest: it waits for that cycle). */
  creditOutMinor: number;
}

/** Days of `range` inside `cycle`, as dates. */
function daysOf(range: DateRange, cycle: DateRange): string[] {
  const from = range.from > cycle.from ? range.from : cycle.from;
  const to = range.to < cycle.to ? range.to : cycle.to;
  const days: string[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d.toISOString().slice(0, 10) <= to;
    d.setUTCDate(d.getUTCDate() + 1)
  )
    days.push(d.toISOString().slice(0, 10));
  return days;
}

/**
 * The mess closures rule ("automatic overlap handling with mess closures"): a day the mess is closed
 * all day (a closure of every meal) is a rebate day for every student, with or without a cut; a
 * closed day inside a student's cut is rebated once, as a closed day, never twice. A closure of some
 * meals only is no rebate day (the student eats the others).
 */
export function rebateDaysOf(
  cycle: DateRange,
  cuts: ReadonlyArray<DateRange>,
  closures: ReadonlyArray<Closure>,
): { cutDays: number; closedDays: number } {
  const closed = new Set(
    closures
      .filter((c) => c.mealIds === null && cycle.from <= c.date && c.date <= cycle.to)
      .map((c) => c.date),
  );
  const cut = new Set(cuts.flatMap((c) => (overlapDays(c, cycle) > 0 ? daysOf(c, cycle) : [])));
  return { cutDays: [...cut].filter((d) => !closed.has(d)).length, closedDays: closed.size };
}

/**
 * Itemized dues of one cycle: the fee, minus a per-day rebate for cut and closed days inside the
 * cycle (never below zero), minus what was paid and the credit carried in. Integers in minor units.
 */
export function duesOf(
  cycle: CycleTerms,
  cuts: ReadonlyArray<DateRange>,
  paidMinor: number,
  more: { closures?: ReadonlyArray<Closure>; creditInMinor?: number } = {},
): CycleDues {
  const { cutDays, closedDays } = rebateDaysOf(cycle, cuts, more.closures ?? []);
  const rebateMinor = Math.min(cycle.feeMinor, (cutDays + closedDays) * cycle.rebatePerDayMinor);
  const dueMinor = cycle.feeMinor - rebateMinor;
  const creditInMinor = more.creditInMinor ?? 0;
  return {
    cycleId: cycle.id,
    name: cycle.name,
    feeMinor: cycle.feeMinor,
    cutDays,
    closedDays,
    rebateMinor,
    dueMinor,
    paidMinor,
    creditInMinor,
    balanceMinor: dueMinor - paidMinor - creditInMinor,
    creditOutMinor: 0,
  };
}

/**
 * Dues of consecutive cycles (oldest first): an over-payment of one cycle is carried, as credit, to
 * the next, which owes that much less; the credit of the newest stays on it until the next cycle
 * is loaded. Returns the cycles oldest first; with `studentId`, only the cycles that bill that student
 * (an imported cycle bills only its members).
 */
export function duesOfCycles(
  cycles: ReadonlyArray<CycleTerms>,
  cuts: ReadonlyArray<DateRange>,
  closures: ReadonlyArray<Closure>,
  paidOf: (cycleId: string) => number,
  studentId?: string,
): CycleDues[] {
  const out: CycleDues[] = [];
  let credit = 0;
  const billed = cycles.filter((c) => !c.members || studentId === undefined || c.members.has(studentId));
  billed.forEach((cycle, i) => {
    const dues = duesOf(cycle, cuts, paidOf(cycle.id), { closures, creditInMinor: credit });
    credit = 0;
    if (dues.balanceMinor < 0 && i < billed.length - 1) {
      credit = -dues.balanceMinor;
      dues.creditOutMinor = credit;
      dues.balanceMinor = 0;
    }
    out.push(dues);
  });
  return out;
}
