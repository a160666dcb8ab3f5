import { MoneyErrors } from './money.errors.ts';
import { checkedAmount, type Money, money } from './money.ts';
import { divideRounded, type RoundingMode } from './rounding.ts';

/** An exact fraction such as `{ numerator: 18, denominator: 100 }` for 18 % tax. */
export type Ratio = Readonly<{ numerator: number; denominator: number }>;

/**
 * Multiplies by an integer or an exact ratio and rounds once, at the end (default half-even).
 * Floats are refused: pass `{ numerator: 75, denominator: 1000 }` rather than `0.075`.
 */
export function multiply(
  amount: Money,
  factor: number | Ratio,
  options: { rounding?: RoundingMode } = {},
): Money {
  const { numerator, denominator } =
    typeof factor === 'number' ? { numerator: factor, denominator: 1 } : factor;
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
    throw MoneyErrors.invalid_factor({ numerator, denominator });
  }
  const exact = BigInt(amount.amountMinor) * BigInt(numerator);
  const rounded = divideRounded(exact, BigInt(denominator), options.rounding ?? 'half-even');
  if (rounded > BigInt(Number.MAX_SAFE_INTEGER) || rounded < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw MoneyErrors.amount_out_of_range({ amountMinor: rounded.toString() });
  }
  return money(checkedAmount(Number(rounded)), amount.currency);
}
