import { MoneyErrors } from './money.errors.ts';
import { type Money, money } from './money.ts';

/**
 * Splits an amount by integer weights (`[50, 30, 20]`) so that the parts always add up to the
 * whole: each part gets its floor share, then leftover minor units go to the largest remainders
 * (ties: earliest weight). A zero weight always gets zero. Negative amounts mirror positive ones.
 */
export function allocate(amount: Money, ratios: readonly number[]): Money[] {
  const total = ratios.reduce((acc, ratio) => acc + ratio, 0);
  if (ratios.length === 0 || ratios.some((r) => !Number.isSafeInteger(r) || r < 0) || total <= 0) {
    throw MoneyErrors.invalid_ratios({ ratios });
  }
  if (!Number.isSafeInteger(total)) throw MoneyErrors.invalid_ratios({ ratios });
  const sign = amount.amountMinor < 0 ? -1n : 1n;
  const whole = BigInt(amount.amountMinor) * sign;
  const bigTotal = BigInt(total);
  const shares = ratios.map((ratio, index) => {
    const exact = whole * BigInt(ratio);
    return { index, floor: exact / bigTotal, remainder: exact % bigTotal };
  });
  let leftover = whole - shares.reduce((acc, share) => acc + share.floor, 0n);
  const byRemainder = [...shares].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  for (const share of byRemainder) {
    if (leftover === 0n) break;
    share.floor += 1n;
    leftover -= 1n;
  }
  return shares.map((share) => money(Number(share.floor * sign), amount.currency));
}

/** Splits an amount into `parts` near-equal parts that add up to the whole (first parts get the extra units). */
export function split(amount: Money, parts: number): Money[] {
  if (!Number.isSafeInteger(parts) || parts < 1) throw MoneyErrors.invalid_ratios({ parts });
  return allocate(
    amount,
    Array.from({ length: parts }, () => 1),
  );
}
