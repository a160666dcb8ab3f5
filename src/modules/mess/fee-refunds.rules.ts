import type { CycleDues } from './dues.rules.ts';

/**
 * What was paid for a cycle beyond its dues, as `duesOfCycles` counts it: the credit it carried to the
 * next cycle, or, on the newest, the credit waiting on it (its balance below zero). A credit carried in
 * from an earlier cycle counts: it was paid, and it is what the cycle holds beyond what it owes.
 */
export function overPaidOf(cycle: CycleDues): number {
  return cycle.creditOutMinor + Math.max(0, -cycle.balanceMinor);
}

/** A cycle of which something may go back to the student. */
export interface OverPaidCycle {
  cycleId: string;
  name: string;
  overPaidMinor: number;
}

/**
 * What may go back to a student (issue 62), from their dues (newest first) counted as if every refund
 * already asked had gone back: the credit (what the newest cycle holds beyond its dues: paying it back
 * leaves them owing nothing) and, cycle by cycle, each over-payment (paying back an earlier cycle's
 * leaves the cycles after it owing what its credit paid of them).
 */
export function whatMayGoBack(cycles: ReadonlyArray<CycleDues>): {
  creditMinor: number;
  cycles: OverPaidCycle[];
} {
  const newest = cycles[0];
  return {
    creditMinor: newest ? overPaidOf(newest) : 0,
    cycles: cycles
      .map((c) => ({ cycleId: c.cycleId, name: c.name, overPaidMinor: overPaidOf(c) }))
      .filter((c) => c.overPaidMinor > 0),
  };
}

/**
 * The refund a fee payment of `cycleId` may take (a pay-back or a refund from the payments screen): at
 * most what that cycle was over-paid. `null` when it fits, else what it may take.
 */
export function feeRefundRefusal(
  cycles: ReadonlyArray<CycleDues>,
  cycleId: string,
  amountMinor: number,
): { overPaidMinor: number } | null {
  const cycle = cycles.find((c) => c.cycleId === cycleId);
  const overPaidMinor = cycle ? overPaidOf(cycle) : 0;
  return amountMinor <= overPaidMinor ? null : { overPaidMinor };
}
