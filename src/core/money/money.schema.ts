import { z } from 'zod';
import { isCurrencyCode } from './currency.ts';
import { type Money, money } from './money.ts';

/** The wire shape of Money for request/response contracts: `{ amountMinor: 1250, currency: "USD" }`. */
export const moneySchema = z
  .object({
    amountMinor: z.number().int().refine(Number.isSafeInteger, { message: 'amount_out_of_range' }),
    currency: z.string().refine(isCurrencyCode, { message: 'invalid_currency' }),
  })
  .transform((value): Money => money(value.amountMinor, value.currency));
