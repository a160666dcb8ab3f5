/** A cycle of a student's dues as the cash form reads it. */
export interface DueCycle {
  cycleId: string;
  balanceMinor: number;
}

/**
 * What the cash form starts with: the first cycle still owing and what it owes. A student in credit
 * (a balance below zero) owes nothing: the amount starts empty, never negative (paying credit back
 * is a refund, not cash received).
 */
export function cashPrefill(
  cycles: ReadonlyArray<DueCycle>,
  digits: number,
): { cycleId: string; amount: string } {
  const owing = cycles.find((c) => c.balanceMinor > 0);
  const cycle = owing ?? cycles[0];
  return {
    cycleId: cycle?.cycleId ?? '',
    amount: owing ? (owing.balanceMinor / 10 ** digits).toFixed(digits) : '',
  };
}
