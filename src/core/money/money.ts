import { assertCurrencyCode, type CurrencyCode } from './currency.ts';
import { MoneyErrors } from './money.errors.ts';

/**
 * An amount in integer minor units (cents, paise) of one currency. Plain `number`, not `bigint`, so
 * it travels through JSON and PostgreSQL `bigint` columns as-is; the limit is
 * `Number.MAX_SAFE_INTEGER` minor units (about 90 trillion USD), checked on every operation.
 */
export type Money = Readonly<{ amountMinor: number; currency: CurrencyCode }>;

/** Checks a minor-unit amount is a safe integer and normalises `-0` to `0`. */
export function checkedAmount(amountMinor: number): number {
  if (!Number.isInteger(amountMinor)) throw MoneyErrors.invalid_amount({ amountMinor });
  if (!Number.isSafeInteger(amountMinor)) throw MoneyErrors.amount_out_of_range({ amountMinor });
  return amountMinor === 0 ? 0 : amountMinor;
}

/** Builds a Money value; the only way amounts enter the system besides `parseMoney`. */
export function money(amountMinor: number, currency: CurrencyCode): Money {
  assertCurrencyCode(currency);
  return Object.freeze({ amountMinor: checkedAmount(amountMinor), currency });
}

/** Throws `currency_mismatch` when two amounts are not in the same currency. */
export function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw MoneyErrors.currency_mismatch({ left: a.currency, right: b.currency });
  }
}

/** a + b, same currency only. */
export function add(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amountMinor + b.amountMinor, a.currency);
}

/** a − b, same currency only. */
export function subtract(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amountMinor - b.amountMinor, a.currency);
}

/** −a, e.g. to turn a charge into a refund line. */
export function negate(a: Money): Money {
  return money(-a.amountMinor, a.currency);
}

/** Sum of amounts (running totals); the currency is explicit so an empty list sums to zero. */
export function sum(amounts: readonly Money[], currency: CurrencyCode): Money {
  let total = money(0, currency);
  for (const amount of amounts) total = add(total, amount);
  return total;
}

/** −1, 0 or 1; comparing different currencies throws `currency_mismatch`. */
export function compare(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b);
  return a.amountMinor < b.amountMinor ? -1 : a.amountMinor > b.amountMinor ? 1 : 0;
}

/** Same currency and same amount; different currencies are simply not equal (no throw). */
export function equals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amountMinor === b.amountMinor;
}

/** Whether the amount is exactly zero. */
export function isZero(a: Money): boolean {
  return a.amountMinor === 0;
}

/** Whether the amount is below zero (a debt, a refund). */
export function isNegative(a: Money): boolean {
  return a.amountMinor < 0;
}

/** Whether the amount is above zero. */
export function isPositive(a: Money): boolean {
  return a.amountMinor > 0;
}
