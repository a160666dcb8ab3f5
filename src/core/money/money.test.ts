import { describe, expect, it } from 'vitest';
import {
  add,
  compare,
  equals,
  isNegative,
  isPositive,
  isZero,
  money,
  negate,
  subtract,
  sum,
} from './money.ts';

const usd = (minor: number) => money(minor, 'USD');
const mismatch = expect.objectContaining({ code: 'money.currency_mismatch' });

describe('money', () => {
  it('adds and subtracts amounts of one currency', () => {
    expect(add(usd(1050), usd(250))).toEqual(usd(1300));
    expect(subtract(usd(1050), usd(2000))).toEqual(usd(-950));
  });

  it('refuses to mix currencies in arithmetic and comparison', () => {
    expect(() => add(usd(1), money(1, 'EUR'))).toThrowError(mismatch);
    expect(() => subtract(usd(1), money(1, 'INR'))).toThrowError(mismatch);
    expect(() => compare(usd(1), money(1, 'EUR'))).toThrowError(mismatch);
    expect(() => sum([usd(1)], 'EUR')).toThrowError(mismatch);
  });

  it('refuses fractional minor units and amounts beyond the safe-integer limit', () => {
    expect(() => usd(10.5)).toThrowError(expect.objectContaining({ code: 'money.invalid_amount' }));
    expect(() => usd(Number.NaN)).toThrowError(expect.objectContaining({ code: 'money.invalid_amount' }));
    expect(() => usd(2 ** 53)).toThrowError(expect.objectContaining({ code: 'money.amount_out_of_range' }));
    expect(() => add(usd(Number.MAX_SAFE_INTEGER), usd(1))).toThrowError(
      expect.objectContaining({ code: 'money.amount_out_of_range' }),
    );
  });

  it('normalises negative zero so zero amounts compare and serialise alike', () => {
    expect(Object.is(negate(usd(0)).amountMinor, 0)).toBe(true);
  });

  it('sums a list, and an empty list to zero of the given currency', () => {
    expect(sum([usd(100), usd(250), usd(-50)], 'USD')).toEqual(usd(300));
    expect(sum([], 'RWF')).toEqual(money(0, 'RWF'));
  });

  it('compares and tests sign', () => {
    expect(compare(usd(1), usd(2))).toBe(-1);
    expect(compare(usd(2), usd(2))).toBe(0);
    expect(compare(usd(3), usd(2))).toBe(1);
    expect(equals(usd(2), usd(2))).toBe(true);
    expect(equals(usd(2), money(2, 'EUR'))).toBe(false);
    expect([isZero(usd(0)), isNegative(usd(-1)), isPositive(usd(1)), isPositive(usd(0))]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('returns frozen values', () => {
    expect(Object.isFrozen(usd(1))).toBe(true);
  });
});
