/** Digits after the decimal point of a currency's amounts (INR 2, JPY 0), as the browser knows it. */
export const digitsOf = (currency: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** A cycle of which something may go back, as the student's page reads it. */
export interface OverPaid {
  cycleId: string;
  overPaidMinor: number;
}

/**
 * What the Pay back dialog starts with for the cycle picked (the first listed, the newest, unless said):
 * all it was over-paid, in major units; an amount never below zero, never more than may go back.
 */
export function payBackPrefill(
  cycles: ReadonlyArray<OverPaid>,
  cycleId: string | undefined,
  digits: number,
): { cycleId: string; amount: string } {
  const cycle = cycles.find((c) => c.cycleId === cycleId) ?? cycles[0];
  if (!cycle || cycle.overPaidMinor <= 0) return { cycleId: cycle?.cycleId ?? '', amount: '' };
  return { cycleId: cycle.cycleId, amount: (cycle.overPaidMinor / 10 ** digits).toFixed(digits) };
}

/** An amount typed in major units (`1,5` or `1.5`) in minor units; NaN when it is no number. */
export const toMinor = (text: string, digits: number) =>
  Math.round(Number(text.trim().replace(',', '.')) * 10 ** digits);
