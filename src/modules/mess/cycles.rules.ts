import { MessErrors } from './mess.errors.ts';

/** What a billing cycle says: its days and what a student owes for them. */
export interface CycleSpec {
  name: string;
  from: string;
  to: string;
  feeMinor: number;
  rebatePerDayMinor: number;
  currency: string;
}

/** What may not change once students have been billed: the dues they were asked for and paid. */
const BILLED_TERMS = ['from', 'to', 'feeMinor', 'rebatePerDayMinor', 'currency'] as const;

/**
 * Whether a cycle may be saved as `next`. A local date belongs to at most one cycle (the scanner
 * and the dues read "the cycle of today"), so cycles never overlap; once a payment was made toward
 * it (`billed`), its days, fee, rebate and currency stay as they were billed and only its name may
 * change. Throws the refusal; dates are ISO `YYYY-MM-DD`, compared as text.
 */
export function checkCycle(input: {
  next: CycleSpec;
  before?: CycleSpec;
  billed?: boolean;
  others: ReadonlyArray<{ name: string; from: string; to: string }>;
}): void {
  const { next, before } = input;
  if (next.to < next.from) throw MessErrors.cycle_range_invalid({ from: next.from, to: next.to });
  if (before && input.billed) {
    const changed = BILLED_TERMS.filter((k) => next[k] !== before[k]);
    if (changed.length) throw MessErrors.cycle_billed({ cycle: before.name, fields: changed.join(', ') });
  }
  const clash = input.others.find((o) => o.from <= next.to && next.from <= o.to);
  if (clash) throw MessErrors.cycle_overlap({ cycle: clash.name, from: clash.from, to: clash.to });
}
