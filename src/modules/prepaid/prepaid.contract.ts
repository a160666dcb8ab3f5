import { z } from 'zod';

/** Request and response shapes the staff API and the portal share (the schema is the type). */
export const tierLine = z.object({
  tier: z.number(),
  unitsTenths: z.number(),
  priceMinorPerKwh: z.number(),
  energyMinor: z.number(),
});
export const quoteSchema = z.object({
  unitsTenths: z.number(),
  energyMinor: z.number(),
  taxMinor: z.number(),
  feeMinor: z.number(),
  totalMinor: z.number(),
  currency: z.string(),
  tariffId: z.string(),
  monthUnitsTenths: z.number(),
  maxUnitsTenths: z.number(),
  tiers: z.array(tierLine),
});
export const purchaseSchema = z.object({
  id: z.string(),
  meterId: z.string(),
  meterNumber: z.string(),
  method: z.enum(['momo', 'airtel', 'cash']),
  amount: z.object({ amountMinor: z.number(), currency: z.string() }),
  paymentId: z.string().nullable(),
  status: z.enum(['pending', 'paid', 'failed']),
  unitsTenths: z.number().nullable(),
  failureReason: z.string().nullable(),
  token: z.string().nullable(),
  tokenCount: z.number().nullable(),
  /** When the meter reported taking the token (meters that report); null until then. */
  tokenKeyedInAt: z.string().nullable(),
  createdAt: z.string(),
});

export const salesReportSchema = z.object({
  timeZone: z.string(),
  sales: z.array(
    z.object({
      day: z.string(),
      method: z.enum(['momo', 'airtel', 'cash']),
      currency: z.string(),
      purchases: z.number(),
      paid: z.number(),
      failed: z.number(),
      paidAmountMinor: z.number(),
      unitsTenths: z.number(),
    }),
  ),
  reconciliation: z.array(
    z.object({
      day: z.string(),
      currency: z.string(),
      settledPayments: z.number(),
      settledAmountMinor: z.number(),
      tokens: z.number(),
      tokenAmountMinor: z.number(),
      difference: z.number(),
    }),
  ),
});

/** The staff token check: the first four fields as they always were, then what explains them. */
export const tokenCheckSchema = z.object({
  status: z.enum(['valid', 'already_used', 'invalid']),
  tokenType: z.string().nullable(),
  value: z.number().nullable(),
  count: z.number().nullable(),
  reason: z.enum(['keyed_in', 'superseded', 'too_far_ahead', 'not_this_meter']).nullable(),
  laterTokensIssued: z.number().nullable(),
  purchaseId: z.string().nullable(),
  issuedAt: z.string().nullable(),
  unitsTenths: z.number().nullable(),
  keyedInAt: z.string().nullable(),
  meterReportedCount: z.number().nullable(),
});
