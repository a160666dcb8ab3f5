import { addDays, daysFrom, localMoment, minutesOf, overlapDays } from '../../core/time/index.ts';
import type { BillingCycle, DateRange } from './mess.rules.ts';

/** Why a mess cut was refused. */
export const CUT_REFUSALS = [
  'cut_range_invalid',
  'cut_backdated',
  'cut_same_day',
  'cut_after_cutoff',
  'cut_too_long',
  'cut_cap_exceeded',
] as const;
export type CutRefusal = (typeof CUT_REFUSALS)[number];

export const MAX_CUT_DAYS = 62;

export interface CutRequest {
  at: Date;
  timeZone: string;
  /** `HH:MM`: a cut starting tomorrow is accepted until this local time today. */
  cutoff: string;
  range: DateRange;
  /** The student's cuts already booked (any period). */
  existing: ReadonlyArray<DateRange & { id: string }>;
  cycles: ReadonlyArray<BillingCycle>;
  /** Most cut days per billing cycle; `null` = no cap. */
  maxDaysPerCycle: number | null;
}

export type CutDecision =
  | { ok: true; merged: DateRange; replaces: string[] }
  | { ok: false; reason: CutRefusal; details?: Record<string, unknown> };

/**
 * A mess cut starts tomorrow at the earliest, and one starting tomorrow is accepted only before
 * today's cutoff: never same-day, never backdated. Cuts that overlap or touch the new one merge
 * into one range; the cap counts cut days per billing cycle after merging.
 */
export function decideCut(req: CutRequest): CutDecision {
  const { range } = req;
  if (range.to < range.from) return { ok: false, reason: 'cut_range_invalid' };
  const today = localMoment(req.at, req.timeZone);
  if (range.from < today.date) return { ok: false, reason: 'cut_backdated' };
  if (range.from === today.date) return { ok: false, reason: 'cut_same_day' };
  if (range.from === addDays(today.date, 1) && today.minutes >= minutesOf(req.cutoff))
    return { ok: false, reason: 'cut_after_cutoff', details: { cutoff: req.cutoff } };
  if (daysFrom(range.from, range.to) + 1 > MAX_CUT_DAYS)
    return { ok: false, reason: 'cut_too_long', details: { maxDays: MAX_CUT_DAYS } };

  const merged = { ...range };
  const replaces: string[] = [];
  // Repeat until stable: absorbing one cut can make the range touch another.
  for (let changed = true; changed; ) {
    changed = false;
    for (const cut of req.existing) {
      if (replaces.includes(cut.id)) continue;
      const touches = cut.from <= addDays(merged.to, 1) && addDays(cut.to, 1) >= merged.from;
      if (!touches) continue;
      if (cut.from < merged.from) merged.from = cut.from;
      if (cut.to > merged.to) merged.to = cut.to;
      replaces.push(cut.id);
      changed = true;
    }
  }
  if (req.maxDaysPerCycle !== null) {
    const after = [...req.existing.filter((c) => !replaces.includes(c.id)), merged];
    for (const cycle of req.cycles) {
      const days = after.reduce((n, c) => n + overlapDays(c, cycle), 0);
      if (days > req.maxDaysPerCycle)
        return {
          ok: false,
          reason: 'cut_cap_exceeded',
          details: { cycleId: cycle.id, days, maxDays: req.maxDaysPerCycle },
        };
    }
  }
  return { ok: true, merged, replaces };
}

/** Milliseconds left before today's cutoff for cuts starting tomorrow (≤ 0 once it passed). */
export function msUntilCutoff(at: Date, timeZone: string, cutoff: string): number {
  const now = localMoment(at, timeZone);
  return ((minutesOf(cutoff) - now.minutes) * 60 - now.seconds) * 1000;
}

/** The earliest day a cut may start now: tomorrow before the cutoff, else the day after. */
export function earliestCutStart(at: Date, timeZone: string, cutoff: string): string {
  const today = localMoment(at, timeZone).date;
  return addDays(today, msUntilCutoff(at, timeZone, cutoff) > 0 ? 1 : 2);
}
