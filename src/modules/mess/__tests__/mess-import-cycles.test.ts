import { describe, expect, it } from 'vitest';
import { monthHoldingMost, PaymentCycles } from '../import/payment-cycles.ts';

// The original has no billing cycle: each payment carries the days the student typed. These are the
// rules that make Opsdesk's cycles from them (issue 51).

const days = (from: string, to: string) => ({ from, to });

describe('cycles made from the payments of the original', () => {
  it('counts a payment toward the calendar month holding most of its days, whatever came before', () => {
    expect(monthHoldingMost(days('2026-10-20', '2026-11-19'))).toMatchObject({ name: 'November 2026' });
    expect(monthHoldingMost(days('2026-10-03', '2026-11-02'))).toMatchObject({ name: 'October 2026' });
    expect(monthHoldingMost(days('2026-12-17', '2027-01-15'))).toMatchObject({
      name: 'December 2026',
      from: '2026-12-01',
      to: '2026-12-31',
    });
    const one = new PaymentCycles([]);
    const other = new PaymentCycles([]);
    expect(one.cycleFor(days('2026-10-01', '2026-10-31')).name).toBe('October 2026');
    expect(one.cycleFor(days('2026-10-20', '2026-11-19')).name).toBe('November 2026');
    expect(other.cycleFor(days('2026-10-20', '2026-11-19')).name).toBe('November 2026');
    expect(other.cycleFor(days('2026-10-01', '2026-10-31'))).toMatchObject({
      name: 'October 2026',
      from: '2026-10-01',
      to: '2026-10-31',
      made: true,
    });
  });

  it("takes a month's fee from what most of its verified payments paid, the larger on a tie", () => {
    const plan = new PaymentCycles([]);
    const oct = plan.cycleFor(days('2026-10-01', '2026-10-31')).name;
    plan.observe('a', { cycle: oct, student: 's1', amountMinor: 175_000, settled: true });
    expect(plan.feeOf(oct)).toBe(175_000);
    plan.observe('b', { cycle: oct, student: 's2', amountMinor: 350_000, settled: true });
    expect(plan.feeOf(oct)).toBe(350_000);
    plan.observe('c', { cycle: oct, student: 's3', amountMinor: 350_000, settled: true });
    plan.observe('d', { cycle: oct, student: 's4', amountMinor: 999_900, settled: false });
    // Read again (a second batch, a later run): counted once.
    plan.observe('a', { cycle: oct, student: 's1', amountMinor: 175_000, settled: true });
    expect(plan.feeOf(oct)).toBe(350_000);
    expect(plan.settledBy('s1', oct)).toBe(175_000);
    plan.observe('e', { cycle: oct, student: 's1', amountMinor: 175_000, settled: true });
    expect(plan.settledBy('s1', oct)).toBe(350_000);
  });

  it("counts toward the operator's own cycle a payment touches, and keeps Opsdesk's fees", () => {
    const plan = new PaymentCycles([
      { id: 'c1', name: 'Term 15–14', from: '2026-11-15', to: '2026-12-14', feeMinor: 300_000 },
      { id: 'c2', name: 'October', from: '2026-10-01', to: '2026-10-31', feeMinor: 250_000 },
    ]);
    expect(plan.cycleFor(days('2026-11-20', '2026-12-19'))).toMatchObject({ id: 'c1' });
    // October is Opsdesk's already (a calendar month, whatever its name): reused, its fee kept.
    const october = plan.cycleFor(days('2026-10-05', '2026-11-04'));
    expect(october).toMatchObject({ id: 'c2', made: false });
    plan.observe('x', { cycle: october.name, student: 's', amountMinor: 1, settled: true });
    expect(plan.feeOf(october.name)).toBe(250_000);
    // November's days before the operator's cycle: a month of its own days only.
    expect(plan.cycleFor(days('2026-11-01', '2026-11-10'))).toMatchObject({
      name: 'November 2026 (2026-11-01 – 2026-11-14)',
      from: '2026-11-01',
      to: '2026-11-14',
      made: true,
    });
  });
});
