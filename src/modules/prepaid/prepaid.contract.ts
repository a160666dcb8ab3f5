import { z } from 'zod';
import { REFUND_METHODS } from '../../core/payments/index.ts';
import type { MeterRow } from './meters.ts';

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
  /** What the sale charges: the sum of the lines (energy, fee, tax); counter, portal and chat pay this. */
  chargeMinor: z.number(),
  /** Asked by amount: the part of it that buys nothing, given back (0 when asked by units). */
  changeMinor: z.number(),
  currency: z.string(),
  tariffId: z.string(),
  monthUnitsTenths: z.number(),
  maxUnitsTenths: z.number(),
  /** The amounts one sale takes: the least that buys units, the most one token carries (issue 66). */
  minMinor: z.number(),
  maxMinor: z.number(),
  tiers: z.array(tierLine),
});
/** A quote as the API answers it (and the counter and portal read it). */
export type QuoteJson = z.infer<typeof quoteSchema>;

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
  /**
   * What went back for it (issue 62): refunds that went ahead, whichever route asked. The status stays
   * `paid` after a refund: the token was issued and keeps working on the meter.
   */
  refunded: z.object({ amountMinor: z.number(), currency: z.string() }),
  refundedAt: z.string().nullable(),
  token: z.string().nullable(),
  tokenCount: z.number().nullable(),
  /** When the meter reported taking the token (meters that report); null until then. */
  tokenKeyedInAt: z.string().nullable(),
  createdAt: z.string(),
});

/** A purchase as the API answers it. */
export type PurchaseJson = z.infer<typeof purchaseSchema>;

const refundMoney = z.object({
  amountMinor: z.number().int().positive(),
  currency: z.string().regex(/^[A-Z]{3}$/),
});
const refundTotal = refundMoney.extend({ amountMinor: z.number().int() });
const refundMethod = z.enum(REFUND_METHODS);

/** `POST /api/prepaid/purchases/{id}/refund` (Idempotency-Key). */
export const purchaseRefundBody = z.object({
  reason: z.string().trim().max(500).optional().describe('Required when the token was issued'),
  tokenKeepsWorking: z
    .boolean()
    .optional()
    .describe(
      'Required true when the token was issued: it keeps working on the meter (it cannot be revoked)',
    ),
  amount: refundMoney.optional().describe('Default: what is left to refund on the purchase’s payment'),
  method: refundMethod.optional().describe('Default: the provider it came through if it refunds, else cash'),
});
export type PurchaseRefundBody = z.input<typeof purchaseRefundBody>;

/** `GET /api/prepaid/purchases/{id}/refund`: what a refund of the purchase would mean. */
export const purchaseRefundFactsSchema = z.object({
  purchaseId: z.string(),
  /** Sold by the original system (imported): refunded alike, in cash. */
  original: z.boolean(),
  /** Its core payment; an imported purchase has one once first refunded. */
  paymentId: z.string().nullable(),
  tokenIssued: z.boolean(),
  /** Said plainly before a refund of an issued token: it keeps working on the meter. */
  tokenKeepsWorking: z.boolean(),
  /** What went back for it so far (refunds that went ahead). */
  refunded: refundTotal,
  left: refundTotal.nullable(),
  refundable: z.boolean(),
  /** How the money can go back: cash, and the provider it came through when that one refunds. */
  methods: z.array(refundMethod),
});
export type PurchaseRefundFactsJson = z.infer<typeof purchaseRefundFactsSchema>;

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
      /** Money that went back that day (refunds paid back, issue 53), by the method of the purchase. */
      refundedAmountMinor: z.number(),
      /** Takings net of refunds: paid less refunded. */
      netAmountMinor: z.number(),
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

/** The sales report as the API answers it: sales per day and method, and the reconciliation. */
export type SalesReportJson = z.infer<typeof salesReportSchema>;

/** The staff token check: the first four fields as they always were, then what explains them. */
export const tokenCheckSchema = z.object({
  status: z.enum(['valid', 'already_used', 'invalid', 'expired']),
  tokenType: z.string().nullable(),
  value: z.number().nullable(),
  count: z.number().nullable(),
  reason: z
    .enum(['keyed_in', 'superseded', 'too_far_ahead', 'not_this_meter', 'before_import', 'expired'])
    .nullable(),
  laterTokensIssued: z.number().nullable(),
  purchaseId: z.string().nullable(),
  issuedAt: z.string().nullable(),
  unitsTenths: z.number().nullable(),
  keyedInAt: z.string().nullable(),
  /** Valid until (issue 66: the organization's tokenValidityDays after issue); null: no expiry. */
  expiresAt: z.string().nullable(),
  meterReportedCount: z.number().nullable(),
});
/** The staff token check as the API answers it. */
export type TokenCheckJson = z.infer<typeof tokenCheckSchema>;

export const monthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
export const statementQuery = z.object({ month: monthParam.optional() });
export const idParams = z.object({ id: z.uuid() });
const currency = z.string().regex(/^[A-Z]{3}$/);
const meterNumber = z.string().regex(/^[A-Za-z0-9-]{3,40}$/);
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const newAccountSchema = z.object({
  kind: z.enum(['household', 'institution']),
  name: z.string().min(1).max(200),
  channel: z
    .object({ name: z.enum(['email', 'whatsapp', 'telegram']), to: z.string().min(1).max(200) })
    .nullable()
    .optional(),
  language: z.string().min(2).max(10).optional(),
  phone: z.string().min(8).max(24).optional(),
});
export const accountSchema = z.object({
  id: z.string(),
  kind: z.enum(['household', 'institution']),
  name: z.string(),
  channel: z.string().nullable(),
});

export const newMeterSchema = z
  .object({
    accountId: z.uuid(),
    number: meterNumber,
    category: z.string().min(1).max(60).optional(),
    location: z.string().max(200).optional(),
    building: z.string().max(120).optional(),
    department: z.string().max(120).optional(),
    openPaygoKey: z.string().optional(),
    startingCode: z.number().int().min(0).max(999_999_999).optional(),
    restrictedDigits: z.boolean().optional(),
    extendedTokens: z.boolean().optional(),
    valueDivider: z.union([z.literal(1), z.literal(10), z.literal(100)]).optional(),
    /** A meter already in service: the last count it accepted, so its next token is issued above it. */
    lastCount: z.number().int().min(0).max(1_000_000).optional(),
  })
  .superRefine((m, ctx) => {
    if (m.lastCount !== undefined && (m.openPaygoKey === undefined || m.startingCode === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['lastCount'],
        message: 'A last count needs the openPaygoKey and startingCode the meter counted it with',
      });
  });
export const meterStatusChangeSchema = z.object({
  status: z.enum(['active', 'inactive', 'suspended']),
  reason: z.string().min(1).max(500),
});
export const meterSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  number: z.string(),
  category: z.string(),
  location: z.string(),
  building: z.string(),
  department: z.string(),
  status: z.enum(['active', 'inactive', 'suspended']),
  openPaygo: z.object({
    keySet: z.boolean(),
    startingCode: z.number(),
    lastCount: z.number(),
    restrictedDigits: z.boolean(),
    extendedTokens: z.boolean(),
    valueDivider: z.number(),
  }),
  /** Until when a generated key's commissioning sheet can still be printed (once); null once printed. */
  commissioningSheetUntil: z.string().nullable(),
  /** The meter API: whether the meter has a token, and what it last reported. */
  reporting: z.object({
    tokenIssuedAt: z.string().nullable(),
    reportedAt: z.string().nullable(),
    reportedCount: z.number().nullable(),
  }),
});
export type MeterJson = z.infer<typeof meterSchema>;
export const createdMeterSchema = meterSchema.extend({
  openPaygoKey: z
    .string()
    .optional()
    .describe('The generated key (32 hex), in this answer only; absent when the key was given'),
});
export const toMeterJson = (m: MeterRow): z.infer<typeof meterSchema> => ({
  id: m.id,
  accountId: m.account_id,
  number: m.number,
  category: m.category,
  location: m.location,
  building: m.building,
  department: m.department,
  status: m.status,
  openPaygo: {
    keySet: m.opg_key_sealed.length > 0,
    startingCode: Number(m.opg_starting_code),
    lastCount: m.opg_last_count,
    restrictedDigits: m.opg_restricted_digits,
    extendedTokens: m.opg_extended,
    valueDivider: m.opg_value_divider,
  },
  commissioningSheetUntil: m.opg_key_sheet_until?.toISOString() ?? null,
  reporting: {
    tokenIssuedAt: m.device_token_issued_at?.toISOString() ?? null,
    reportedAt: m.reported_at?.toISOString() ?? null,
    reportedCount: m.reported_count,
  },
});
/** What a balance rests on and whether it is trusted (balance.rules.ts, issue 54 item 7). */
export const balanceTrustFields = {
  basis: z
    .enum(['reported', 'keyed_in', 'sold'])
    .describe(
      'reported: the meter said it; keyed_in: tokens the meter reported taking, less its use; sold: tokens sold to it, less its use',
    ),
  estimated: z.boolean().describe('true unless the meter reported the balance itself'),
  trusted: z
    .boolean()
    .describe(
      'whether low-balance alerts act on it: the meter’s own balance, or an estimate from 3 readings or more over 2 days or more, the last at most 3 days old, whose use the units on record explain',
    ),
  doubt: z
    .enum(['few_readings', 'stale_readings', 'unrecorded_units'])
    .nullable()
    .describe('why an estimate is not trusted'),
};
export const consumptionSchema = z.object({
  dailyTenths: z.number().nullable(),
  balanceTenths: z.number(),
  daysLeft: z.number().nullable(),
  ...balanceTrustFields,
});
export type ConsumptionJson = z.infer<typeof consumptionSchema>;

export const newTariffSchema = z.object({
  category: z.string().min(1).max(60),
  currency,
  tiers: z
    .array(z.object({ uptoKwh: z.number().int().positive().nullable(), priceMinorPerKwh: z.number().int() }))
    .min(1)
    .max(10),
  feeMinor: z.number().int().min(0).default(0),
  taxBasisPoints: z.number().int().min(0).max(10_000).default(0),
  effectiveFrom: z.coerce.date(),
  effectiveTo: z.coerce.date().nullable().optional(),
});
export const createdTariffSchema = z.object({ id: z.string(), category: z.string() });

export const quoteQuerySchema = z.union([
  z.object({ amountMinor: z.coerce.number().int().positive() }),
  z.object({ unitsTenths: z.coerce.number().int().positive() }),
]);
export const typedTokenSchema = z.object({ token: z.string().min(1).max(40) });
export const newPurchaseSchema = z.object({
  meterId: z.uuid(),
  method: z.enum(['momo', 'airtel', 'cash']),
  amount: z.object({ amountMinor: z.number().int().positive(), currency }),
  msisdn: z.string().min(8).max(20).optional(),
});

export const salesReportQuerySchema = z.object({
  from: isoDay,
  to: isoDay,
  format: z.enum(['json', 'csv']).optional(),
});
export const newReadingSchema = z.object({
  meterNumber,
  readAt: z.coerce.date(),
  registerTenths: z.number().int().min(0).max(1e12),
});
export const recordedReadingSchema = z.object({ id: z.string(), created: z.boolean() });
