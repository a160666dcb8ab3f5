import { addDays, localMoment, minutesOf, weekdayOf } from '../../core/time/index.ts';

/*
 * May this student eat now? Pure and browser-safe (no node:*, no database): the server and the
 * offline scanner (`scanner-app/`, through `browser.ts`) decide with the same code from the same facts.
 */

export const STUDENT_STATUSES = ['pending', 'approved', 'denied', 'suspended'] as const;
export type StudentStatus = (typeof STUDENT_STATUSES)[number];

/** Why a scan was refused; each has its own message at the counter. */
export const RULE_DENIALS = [
  'suspended',
  'not_approved',
  'no_billing_cycle',
  'payment_due',
  'mess_cut',
  'mess_closed',
  'outside_meal_window',
  'already_served',
] as const;
export type RuleDenial = (typeof RULE_DENIALS)[number];

/** Refusals before the rules run: nobody could be identified from what was scanned or typed. */
export const LOOKUP_DENIALS = ['unknown_student', 'no_code'] as const;
export type LookupDenial = (typeof LOOKUP_DENIALS)[number];

/** A pass refusal (`pass_bad_signature`, `pass_revoked`, …) is the pass reason behind `pass_`. */
export type ScanDenial = RuleDenial | LookupDenial | `pass_${string}`;

export interface DateRange {
  from: string;
  to: string;
}
export interface MealWindow {
  id: string;
  name: string;
  /** `HH:MM` local, inclusive. */
  start: string;
  /** `HH:MM` local, exclusive. */
  end: string;
  /** 1 = Monday … 7 = Sunday. */
  weekdays: number[];
}
export interface Closure {
  date: string;
  /** `null`: every meal of the day. */
  mealIds: string[] | null;
}
export interface BillingCycle extends DateRange {
  id: string;
}
/** What the rules know about one student. */
export interface StudentFacts {
  id: string;
  status: StudentStatus;
  paidCycleIds: string[];
  cuts: DateRange[];
}
/** What the rules know about the mess. */
export interface MessFacts {
  timeZone: string;
  meals: MealWindow[];
  closures: Closure[];
  cycles: BillingCycle[];
}

export type ScanDecision =
  | { decision: 'allowed'; reason: null; date: string; mealId: string; windowKey: string }
  | { decision: 'denied'; reason: RuleDenial; date: string; mealId: string | null; windowKey: string | null };

/** `YYYY-MM-DD:<mealId>`: one serving per student per window. */
export const windowKeyOf = (date: string, mealId: string): string => `${date}:${mealId}`;

/** The meal whose window contains local `minutes` on `weekday`, if any. */
export function mealAt(meals: ReadonlyArray<MealWindow>, weekday: number, minutes: number) {
  return meals.find(
    (m) => m.weekdays.includes(weekday) && minutesOf(m.start) <= minutes && minutes < minutesOf(m.end),
  );
}

/** The billing cycle a local date falls in. */
export const cycleOn = (cycles: ReadonlyArray<BillingCycle>, date: string) =>
  cycles.find((c) => c.from <= date && date <= c.to);

export const isCutOn = (cuts: ReadonlyArray<DateRange>, date: string): boolean =>
  cuts.some((c) => c.from <= date && date <= c.to);

/** Closed all day (`mealId` omitted) or for that meal. */
export function isClosed(closures: ReadonlyArray<Closure>, date: string, mealId?: string): boolean {
  return closures.some(
    (c) => c.date === date && (c.mealIds === null || (mealId !== undefined && c.mealIds.includes(mealId))),
  );
}

/**
 * Decides one scan at instant `at` (the ORIGINAL scan time for offline scans), in the mess's time
 * zone. Checked in this order, the first failing rule is the reason: not suspended, approved, paid for the
 * current cycle, not on a mess cut, mess open today, inside a meal window, that meal open, and
 * not already served in this window.
 */
export function decideScan(input: {
  at: Date;
  facts: MessFacts;
  student: StudentFacts;
  alreadyServed: (windowKey: string) => boolean;
}): ScanDecision {
  const { facts, student } = input;
  const now = localMoment(input.at, facts.timeZone);
  const date = now.date;
  const deny = (reason: RuleDenial, mealId: string | null = null): ScanDecision => ({
    decision: 'denied',
    reason,
    date,
    mealId,
    windowKey: mealId ? windowKeyOf(date, mealId) : null,
  });
  // A suspended student is told as such at the counter, not as someone never approved.
  if (student.status === 'suspended') return deny('suspended');
  if (student.status !== 'approved') return deny('not_approved');
  const cycle = cycleOn(facts.cycles, date);
  if (!cycle) return deny('no_billing_cycle');
  if (!student.paidCycleIds.includes(cycle.id)) return deny('payment_due');
  if (isCutOn(student.cuts, date)) return deny('mess_cut');
  if (isClosed(facts.closures, date)) return deny('mess_closed');
  const meal = mealAt(facts.meals, now.weekday, now.minutes);
  if (!meal) return deny('outside_meal_window');
  if (isClosed(facts.closures, date, meal.id)) return deny('mess_closed', meal.id);
  const windowKey = windowKeyOf(date, meal.id);
  if (input.alreadyServed(windowKey)) return deny('already_served', meal.id);
  return { decision: 'allowed', reason: null, date, mealId: meal.id, windowKey };
}

/** The next `count` meal windows from instant `at` (the current one included), in local time. */
export function upcomingWindows(
  at: Date,
  timeZone: string,
  meals: ReadonlyArray<MealWindow>,
  count: number,
): Array<{ date: string; meal: MealWindow; windowKey: string }> {
  const now = localMoment(at, timeZone);
  const sorted = [...meals].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
  const found: Array<{ date: string; meal: MealWindow; windowKey: string }> = [];
  for (let day = 0; day < 14 && found.length < count; day++) {
    const date = addDays(now.date, day);
    for (const meal of sorted) {
      if (!meal.weekdays.includes(weekdayOf(date))) continue;
      if (day === 0 && minutesOf(meal.end) <= now.minutes) continue;
      found.push({ date, meal, windowKey: windowKeyOf(date, meal.id) });
      if (found.length >= count) break;
    }
  }
  return found;
}
