import { localMoment, minutesOf } from '../../../core/time/index.ts';
import { isClosed, type MessFacts, upcomingWindows } from '../browser.ts';

/**
 * Which meal the counter serves now, by the phone's snapshot: shown before any scan, so staff see at
 * once a phone whose meal list is not the mess's (issue 40, item 7).
 */
export type MealNow =
  | { kind: 'serving'; meal: string; end: string }
  | { kind: 'closed'; meal: string }
  | { kind: 'next'; meal: string; start: string; date: string; today: boolean }
  | { kind: 'none' };

/** The meal open at `at` in the mess's time zone, else the next one the mess is open for. */
export function mealNow(facts: MessFacts, at: Date): MealNow {
  const today = localMoment(at, facts.timeZone);
  const windows = upcomingWindows(at, facts.timeZone, facts.meals, 21);
  const current = windows.find((w) => w.date === today.date && minutesOf(w.meal.start) <= today.minutes);
  if (current)
    return isClosed(facts.closures, current.date, current.meal.id)
      ? { kind: 'closed', meal: current.meal.name }
      : { kind: 'serving', meal: current.meal.name, end: current.meal.end };
  const next = windows.find((w) => !isClosed(facts.closures, w.date, w.meal.id));
  if (!next) return { kind: 'none' };
  return {
    kind: 'next',
    meal: next.meal.name,
    start: next.meal.start,
    date: next.date,
    today: next.date === today.date,
  };
}
