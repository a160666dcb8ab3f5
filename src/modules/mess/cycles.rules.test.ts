import { describe, expect, it } from 'vitest';
import { checkCycle } from './cycles.rules.ts';

const november = {
  name: 'November',
  from: '2026-11-01',
  to: '2026-11-30',
  feeMinor: 300_000,
  rebatePerDayMinor: 5_000,
  currency: 'INR',
};
const october = { name: 'October', from: '2026-10-01', to: '2026-10-31' };

const codeOf = (run: () => void) => {
  try {
    run();
    return null;
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('billing cycle rules', () => {
  it('accepts a cycle that ends the day before the next begins', () => {
    expect(codeOf(() => checkCycle({ next: november, others: [october] }))).toBeNull();
  });

  it('refuses a cycle that overlaps another by one day', () => {
    expect(codeOf(() => checkCycle({ next: { ...november, from: '2026-10-31' }, others: [october] }))).toBe(
      'mess.cycle_overlap',
    );
  });

  it('refuses a cycle that ends before it starts', () => {
    expect(codeOf(() => checkCycle({ next: { ...november, to: '2026-10-30' }, others: [] }))).toBe(
      'mess.cycle_range_invalid',
    );
  });

  it('lets a billed cycle be renamed, but not have its fee, rebate, currency or days changed', () => {
    const billed = (next: typeof november) =>
      codeOf(() => checkCycle({ next, before: november, billed: true, others: [] }));
    expect(billed({ ...november, name: 'Nov 2026' })).toBeNull();
    expect(billed({ ...november, feeMinor: 310_000 })).toBe('mess.cycle_billed');
    expect(billed({ ...november, rebatePerDayMinor: 0 })).toBe('mess.cycle_billed');
    expect(billed({ ...november, currency: 'USD' })).toBe('mess.cycle_billed');
    expect(billed({ ...november, to: '2026-12-02' })).toBe('mess.cycle_billed');
  });

  it('lets a cycle nobody paid toward change everything', () => {
    const next = { ...november, feeMinor: 310_000, to: '2026-12-02' };
    expect(codeOf(() => checkCycle({ next, before: november, billed: false, others: [] }))).toBeNull();
  });
});
