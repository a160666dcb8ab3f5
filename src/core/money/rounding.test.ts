import { describe, expect, it } from 'vitest';
import { divideRounded, type RoundingMode } from './rounding.ts';

// Halves and non-halves, positive and negative, in tenths: value = n / 10.
const cases: Array<[number, Record<RoundingMode, number>]> = [
  [25, { 'half-even': 2, 'half-up': 3, 'half-down': 2, floor: 2, ceil: 3, down: 2, up: 3 }],
  [35, { 'half-even': 4, 'half-up': 4, 'half-down': 3, floor: 3, ceil: 4, down: 3, up: 4 }],
  [-25, { 'half-even': -2, 'half-up': -3, 'half-down': -2, floor: -3, ceil: -2, down: -2, up: -3 }],
  [27, { 'half-even': 3, 'half-up': 3, 'half-down': 3, floor: 2, ceil: 3, down: 2, up: 3 }],
  [-21, { 'half-even': -2, 'half-up': -2, 'half-down': -2, floor: -3, ceil: -2, down: -2, up: -3 }],
  [30, { 'half-even': 3, 'half-up': 3, 'half-down': 3, floor: 3, ceil: 3, down: 3, up: 3 }],
];

describe('divideRounded', () => {
  for (const [tenths, expected] of cases) {
    for (const [mode, result] of Object.entries(expected)) {
      it(`rounds ${tenths / 10} to ${result} with ${mode}`, () => {
        expect(divideRounded(BigInt(tenths), 10n, mode as RoundingMode)).toBe(BigInt(result));
      });
    }
  }

  it('treats a negative denominator like a negated numerator', () => {
    expect(divideRounded(25n, -10n, 'half-up')).toBe(-3n);
    expect(divideRounded(-25n, -10n, 'floor')).toBe(2n);
  });
});
