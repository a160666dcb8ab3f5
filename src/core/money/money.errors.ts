import { defineErrors } from '../../platform/errors/index.ts';

/** Money error codes with their HTTP mapping; worded in the core catalog at `errors.money.<code>`. */
export const MoneyErrors = defineErrors('money', {
  currency_mismatch: { status: 422, title: 'Amounts in different currencies cannot be combined' },
  invalid_currency: { status: 400, title: 'Unknown currency' },
  invalid_amount: { status: 400, title: 'Not a valid amount' },
  too_many_decimals: { status: 400, title: 'Too many decimal places for this currency' },
  amount_out_of_range: { status: 422, title: 'Amount too large' },
  invalid_factor: { status: 400, title: 'Multiplier must be an integer or an exact ratio' },
  invalid_ratios: { status: 400, title: 'Split weights must be non-negative integers, not all zero' },
});
