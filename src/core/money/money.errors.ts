/** Error codes thrown by the money capability; the HTTP mapping lives in one table elsewhere. */
export const MONEY_ERROR_CODES = [
  'currency_mismatch',
  'invalid_currency',
  'invalid_amount',
  'too_many_decimals',
  'amount_out_of_range',
  'invalid_factor',
  'invalid_ratios',
] as const;

export type MoneyErrorCode = (typeof MONEY_ERROR_CODES)[number];

/** A money rule was broken; `code` is stable and translatable (`core:money.<code>`). */
export class MoneyError extends Error {
  constructor(
    readonly code: MoneyErrorCode,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'MoneyError';
  }
}
