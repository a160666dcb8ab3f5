export { allocate, split } from './allocate.ts';
export { assertCurrencyCode, type CurrencyCode, currencyExponent, isCurrencyCode } from './currency.ts';
export { MoneyErrors } from './money.errors.ts';
export { moneySchema } from './money.schema.ts';
export {
  add,
  assertSameCurrency,
  compare,
  equals,
  isNegative,
  isPositive,
  isZero,
  type Money,
  money,
  negate,
  subtract,
  sum,
} from './money.ts';
export { parseMoney, toDecimalString } from './money-decimal.ts';
export { type FormatMoneyOptions, formatMoney } from './money-format.ts';
export { multiply, type Ratio } from './multiply.ts';
export type { RoundingMode } from './rounding.ts';
