import { addDays } from '../../../core/time/index.ts';

/*
 * The original has no billing cycle: each payment names the days it pays for (`cycle_start`,
 * `cycle_end`, typed by the student in the bot). Opsdesk's cycles are the organization's, one per
 * day at most. A payment counts toward the cycle of Opsdesk that shares most of its days (one the
 * operator made, or one an earlier import made); where none does, toward the calendar month that
 * holds most of its days (the original's own examples are calendar months), made by the import with
 * the days of that month no other cycle holds. Such a month's fee is what most of its verified
 * payments paid (the larger on a tie). Pure: the import reads the cycles and writes them.
 */

export interface CycleDays {
  from: string;
  to: string;
}

/** A cycle the plan knows: one of Opsdesk (`id`), or one this import will make. */
export interface PlannedCycle extends CycleDays {
  name: string;
  id?: string;
  feeMinor: number;
  /** Made by this run: its fee follows the payments read. */
  made: boolean;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Days two ranges share (ISO dates, inclusive). */
export function sharedDays(a: CycleDays, b: CycleDays): number {
  const from = a.from > b.from ? a.from : b.from;
  const to = a.to < b.to ? a.to : b.to;
  if (from > to) return 0;
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The calendar month of a date: its first and last day. */
export function monthOf(date: string): CycleDays & { name: string } {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const from = `${date.slice(0, 7)}-01`;
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { name: `${MONTHS[m - 1]} ${y}`, from, to: addDays(next, -1) };
}

/** The calendar month holding most days of `range` (the earlier on a tie). */
export function monthHoldingMost(range: CycleDays): CycleDays & { name: string } {
  let best = monthOf(range.from);
  let bestDays = sharedDays(best, range);
  for (let m = monthOf(addDays(best.to, 1)); m.from <= range.to; m = monthOf(addDays(m.to, 1))) {
    const days = sharedDays(m, range);
    if (days > bestDays) {
      best = m;
      bestDays = days;
    }
  }
  return best;
}

interface Observed {
  cycle: string;
  student: string;
  amountMinor: number;
  settled: boolean;
}

/** The cycles payments count toward, and the fees of the months the import makes. */
export class PaymentCycles {
  /** Every cycle by name: Opsdesk's, and the months this run makes. */
  private readonly cycles = new Map<string, PlannedCycle>();
  /** Opsdesk's cycles that are no calendar month (an operator's own): a payment they touch counts there. */
  private readonly own: PlannedCycle[] = [];
  /** The cycle of each calendar month (`2026-10`), Opsdesk's or made by this run. */
  private readonly months = new Map<string, PlannedCycle>();
  private readonly observed = new Map<string, Observed>();
  private readonly byCycle = new Map<string, Set<string>>();

  constructor(
    existing: ReadonlyArray<{ id: string; name: string; from: string; to: string; feeMinor: number }>,
  ) {
    for (const c of existing) {
      const cycle = { ...c, made: false };
      this.cycles.set(c.name, cycle);
      const month = monthOf(c.from);
      if (month.from === c.from && month.to === c.to) this.months.set(c.from.slice(0, 7), cycle);
      else this.own.push(cycle);
    }
  }

  /**
   * The cycle a payment of these days counts toward: the operator's own cycle sharing most of them,
   * else the calendar month holding most of them (made when new, with its days no cycle of the
   * operator holds). The same days always count toward the same cycle, whatever was read before.
   */
  cycleFor(range: CycleDays): PlannedCycle {
    let best: PlannedCycle | undefined;
    let bestDays = 0;
    for (const c of this.own) {
      const days = sharedDays(c, range);
      if (days > bestDays || (days === bestDays && days > 0 && best && c.from < best.from)) {
        best = c;
        bestDays = days;
      }
    }
    if (best) return best;
    const month = monthHoldingMost(range);
    const key = month.from.slice(0, 7);
    const known = this.months.get(key);
    if (known) return known;
    const inMonth = {
      from: range.from > month.from ? range.from : month.from,
      to: range.to < month.to ? range.to : month.to,
    };
    // The month's days no cycle of the operator holds, around the payment's own days in it.
    let from = month.from;
    let to = month.to;
    for (const c of this.own) {
      if (c.to < inMonth.from && c.to >= from) from = addDays(c.to, 1);
      if (c.from > inMonth.to && c.from <= to) to = addDays(c.from, -1);
    }
    const whole = from === month.from && to === month.to;
    let name = whole ? month.name : `${month.name} (${from} – ${to})`;
    if (this.cycles.has(name)) name = `${name} (original system)`;
    const planned: PlannedCycle = { name, from, to, feeMinor: 0, made: true };
    this.cycles.set(name, planned);
    this.months.set(key, planned);
    return planned;
  }

  /**
   * Notes a payment read from the source (once per record, however often it is read): what it paid
   * toward which cycle, settled or not. The fees of the months this run makes follow.
   */
  observe(pk: string, seen: Observed): void {
    const before = this.observed.get(pk);
    if (before) this.byCycle.get(before.cycle)?.delete(pk);
    this.observed.set(pk, seen);
    const pks = this.byCycle.get(seen.cycle) ?? new Set<string>();
    this.byCycle.set(seen.cycle, pks.add(pk));
    const cycle = this.cycles.get(seen.cycle);
    if (cycle?.made) cycle.feeMinor = this.modeOf(seen.cycle);
  }

  /** What a student's settled payments toward a cycle add up to, as read so far. */
  settledBy(student: string, cycle: string): number {
    let sum = 0;
    for (const o of this.of(cycle)) if (o.settled && o.student === student) sum += o.amountMinor;
    return sum;
  }

  feeOf(name: string): number {
    return this.cycles.get(name)?.feeMinor ?? 0;
  }

  get(name: string): PlannedCycle | undefined {
    return this.cycles.get(name);
  }

  private of(cycle: string): Observed[] {
    return [...(this.byCycle.get(cycle) ?? [])].map((pk) => this.observed.get(pk)!);
  }

  /** The most common settled amount toward a cycle (the larger on a tie); of any payment when none settled. */
  private modeOf(cycle: string): number {
    const counts = new Map<number, number>();
    const all = this.of(cycle);
    const settled = all.filter((o) => o.settled);
    for (const o of settled.length ? settled : all)
      counts.set(o.amountMinor, (counts.get(o.amountMinor) ?? 0) + 1);
    let fee = 0;
    let most = 0;
    for (const [amount, n] of counts)
      if (n > most || (n === most && amount > fee)) {
        fee = amount;
        most = n;
      }
    return fee;
  }
}
