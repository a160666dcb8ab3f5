import { type Closure, type DateRange, isClosed, isCutOn, type MealWindow } from './mess.rules.ts';

export interface ForecastRow {
  date: string;
  mealId: string;
  mealName: string;
  windowKey: string;
  /** Approved students not on a mess cut that day (0 when the mess is closed). */
  eligible: number;
  /** Share of eligible students who ate this meal recently (1 when nothing is known). */
  attendanceRate: number;
  expected: number;
}

/**
 * Kitchen headcount for the coming windows: approved students minus mess cuts and closures,
 * scaled by how many of them actually came to the same meal recently.
 */
export function forecastHeadcount(input: {
  windows: ReadonlyArray<{ date: string; meal: MealWindow; windowKey: string }>;
  students: ReadonlyArray<{ status: string; cuts: ReadonlyArray<DateRange> }>;
  closures: ReadonlyArray<Closure>;
  /** Recent served ÷ eligible per meal id, between 0 and 1. */
  attendanceRates: Readonly<Record<string, number>>;
}): ForecastRow[] {
  const approved = input.students.filter((s) => s.status === 'approved');
  return input.windows.map(({ date, meal, windowKey }) => {
    const closed = isClosed(input.closures, date, meal.id);
    const eligible = closed ? 0 : approved.filter((s) => !isCutOn(s.cuts, date)).length;
    const rate = Math.min(1, Math.max(0, input.attendanceRates[meal.id] ?? 1));
    return {
      date,
      mealId: meal.id,
      mealName: meal.name,
      windowKey,
      eligible,
      attendanceRate: rate,
      expected: Math.round(eligible * rate),
    };
  });
}
