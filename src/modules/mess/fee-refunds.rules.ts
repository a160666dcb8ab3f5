import type { CycleDues } from './dues.rules.ts';

/**
 * What a cycle holds beyond its dues, as `duesOfCycles` counts it: the credit it carried to the next
 * cycle, or, on the newest, the credit waiting on it (its balance below zero).
 */
export function overPaidOf(cycle: CycleDues): number {
  return cycle.creditOutMinor + Math.max(0, -cycle.balanceMinor);
}

/**
 * The most a refund of a fee payment of `cycleId` may take (issue 62), from the student's dues newest
 * first: what was paid beyond the dues and is still there, from that cycle to the newest. An
 * over-payment carried on as credit may go back only as long as every cycle after it still holds it
 * beyond its own dues: what a later cycle's dues took, or a refund already took, is gone. So the sum of
 * every refund never passes the student's credit, and no refund leaves a cycle owing.
 */
export function mayTakeFrom(cycles: ReadonlyArray<CycleDues>, cycleId: string): number {
  const at = cycles.findIndex((c) => c.cycleId === cycleId);
  if (at < 0) return 0;
  return Math.min(...cycles.slice(0, at + 1).map(overPaidOf));
}

/** What may go back to a student: their credit, what the newest cycle holds beyond all their dues. */
export function creditOf(cycles: ReadonlyArray<CycleDues>): number {
  const newest = cycles[0];
  return newest ? overPaidOf(newest) : 0;
}

/** `null` when a refund of `amountMinor` from a fee payment of `cycleId` fits, else the most it may take. */
export function feeRefundRefusal(
  cycles: ReadonlyArray<CycleDues>,
  cycleId: string,
  amountMinor: number,
): { overPaidMinor: number } | null {
  const overPaidMinor = mayTakeFrom(cycles, cycleId);
  return amountMinor <= overPaidMinor ? null : { overPaidMinor };
}
