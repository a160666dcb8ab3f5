/**
 * How to round an exact quotient to an integer number of minor units.
 * `half-even` (banker's rounding) is the default: it does not drift upwards over many operations.
 */
export type RoundingMode = 'half-even' | 'half-up' | 'half-down' | 'floor' | 'ceil' | 'down' | 'up';

/** Exact `numerator / denominator` rounded to an integer with the given mode (denominator ≠ 0). */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (denominator < 0n) return divideRounded(-numerator, -denominator, mode);
  const truncated = numerator / denominator; // rounds toward zero
  const remainder = numerator % denominator; // same sign as numerator
  if (remainder === 0n) return truncated;
  const sign = numerator < 0n ? -1n : 1n;
  const awayFromZero = truncated + sign;
  const twiceRemainder = 2n * (remainder < 0n ? -remainder : remainder);
  switch (mode) {
    case 'down':
      return truncated;
    case 'up':
      return awayFromZero;
    case 'floor':
      return sign < 0n ? awayFromZero : truncated;
    case 'ceil':
      return sign > 0n ? awayFromZero : truncated;
    default: {
      if (twiceRemainder > denominator) return awayFromZero;
      if (twiceRemainder < denominator) return truncated;
      if (mode === 'half-up') return awayFromZero;
      if (mode === 'half-down') return truncated;
      return truncated % 2n === 0n ? truncated : awayFromZero;
    }
  }
}
