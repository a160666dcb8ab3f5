import { describe, expect, it } from 'vitest';
import { cashPrefill } from './cash-prefill.rules.ts';

describe('cashPrefill', () => {
  it('starts with the first cycle owing and what it owes', () => {
    expect(
      cashPrefill(
        [
          { cycleId: 'oct', balanceMinor: 0 },
          { cycleId: 'nov', balanceMinor: 175_050 },
        ],
        2,
      ),
    ).toEqual({
      cycleId: 'nov',
      amount: '1750.50',
    });
  });

  it('starts empty, never negative, for a student in credit (issue 54 item 4: "-80.00" was refused)', () => {
    expect(cashPrefill([{ cycleId: 'nov', balanceMinor: -8_000 }], 2)).toEqual({
      cycleId: 'nov',
      amount: '',
    });
    expect(cashPrefill([], 2)).toEqual({ cycleId: '', amount: '' });
  });
});
