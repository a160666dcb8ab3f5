import { z } from 'zod';
import { drfPageSchema } from '../../../platform/http/index.ts';

/*
 * The original prepaid system's API shapes (IngufuPay, Django REST Framework: `meters/serializers.py`,
 * `transactions/views.py` and the ESP32 views, as /work/shared/reference/original-systems.md §1.3 records
 * them): snake_case fields, lower-case statuses, units as decimal strings (3 dp), DRF pages.
 */

export const tags = ['prepaid (IngufuPay compatibility)'];

/** Our meter statuses in the original's spelling (it called a suspended meter `disabled`). */
export const ORIGINAL_METER_STATUS = {
  active: 'active',
  inactive: 'inactive',
  suspended: 'disabled',
} as const;
export const OUR_METER_STATUS = { active: 'active', inactive: 'inactive', disabled: 'suspended' } as const;

/** Units (kWh) as the original wrote them: a decimal string with 3 places. */
export const unitsOf = (tenths: number) => (tenths / 10).toFixed(3);

export const originalMeter = z
  .object({
    id: z.string(),
    meter_number: z.string(),
    name: z.string().describe('the meter number: meters here are named by their number'),
    location: z.string(),
    category: z.string(),
    status: z.enum(['active', 'inactive', 'disabled']),
    low_balance_threshold: z.string().describe("the meter account's low-balance alert level, kWh"),
    current_balance_units: z
      .string()
      .describe(
        "the native balance: units sold since the meter's first reading less its use, or what the meter last reported; 0 before any reading",
      ),
    is_active: z.boolean(),
    is_low_balance: z.boolean(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'PrepaidOriginalMeter' });

export const originalMeterPage = drfPageSchema(originalMeter);

export const idParams = z.object({ id: z.uuid() });

export const newMeterBody = z.strictObject({
  meter_number: z.string().regex(/^[A-Za-z0-9-]{3,40}$/),
  owner: z.uuid().describe('the prepaid account the meter belongs to (the original took the caller)'),
  location: z.string().max(200).optional(),
  category: z.string().min(1).max(60).optional(),
});

export const meterChangesBody = z.strictObject({
  location: z.string().max(200).optional(),
  category: z.string().min(1).max(60).optional(),
  status: z.enum(['active', 'inactive', 'disabled']).optional(),
});

export const deactivatedAnswer = z.object({ detail: z.string() });

export const deviceTokenAnswer = z.object({
  id: z.string(),
  meter_number: z.string(),
  device_token: z.string().describe('shown once; the meter sends it as `device_token`'),
});

/** Whole francs: RWF has no minor unit. */
const francs = z.coerce
  .number()
  .min(1)
  .max(100_000_000)
  .refine(Number.isInteger, 'a whole number of francs (RWF has no minor unit)');

export const purchaseBody = z.object({
  meter: z
    .union([z.uuid(), z.number().int().positive(), z.string().regex(/^\d{1,18}$/)])
    .describe("an Opsdesk meter's id, or the original's id of a meter the import brought"),
  amount_rwf: francs,
  method: z.enum(['momo', 'cash']).describe('`card` is not taken here'),
  external_reference: z.string().trim().min(1).max(100).optional(),
  phone_number: z
    .string()
    .min(8)
    .max(20)
    .optional()
    .describe('the MoMo number to ask for payment (momo only)'),
});

export const purchaseAnswer = z
  .object({
    payment_id: z.string().describe('the sale (GET /api/prepaid/purchases/{id})'),
    meter: z.string(),
    token: z.string().nullable().describe('null until a MoMo payment is approved'),
    units: z.string().nullable(),
    new_balance_units: z.string(),
    low_balance: z.boolean(),
    rate_frw_per_kwh: z.number().nullable(),
    category: z.string(),
    status: z.enum(['pending', 'success', 'failed']),
  })
  .meta({ id: 'PrepaidOriginalPurchase' });

/** What an ESP32 meter sends: its number, its device token and the units it has left. */
export const esp32ReportBody = z.object({
  meter_number: z.string().min(1).max(40),
  device_token: z.string().min(1).max(200),
  remaining_units: z.coerce.number().max(1e11),
});

export const esp32PollQuery = z.object({
  meter_number: z.string().min(1).max(40),
  device_token: z.string().min(1).max(200),
});

export const esp32Answer = z.object({
  meter_number: z.string(),
  status: z.enum(['active', 'inactive', 'disabled']),
  current_balance_units: z.string(),
  low_balance: z.boolean(),
  relay: z.enum(['on', 'off']),
});

export const esp32PollAnswer = esp32Answer.extend({
  pending_tokens: z.array(z.object({ token: z.string(), units: z.string(), issued_at: z.string() })),
});

/** One transaction as the original's `PaymentTransactionSerializer` wrote it. */
export const originalTransaction = z
  .object({
    id: z
      .string()
      .describe("the original's UUID for what it sold; an Opsdesk sale's id for what was sold since"),
    meter: z
      .union([z.number().int(), z.string()])
      .nullable()
      .describe("the original's meter id for a meter it had; an Opsdesk meter's id otherwise"),
    meter_number: z.string().nullable(),
    meter_name: z.string().nullable(),
    amount_rwf: z.string().describe('francs with 2 decimals, as the original kept them'),
    payment_method: z
      .string()
      .describe('momo, card or cash (the original); airtel for an Opsdesk sale by Airtel Money'),
    status: z.enum(['pending', 'success', 'failed']),
    token: z.string().nullable(),
    units_purchased: z.string().nullable(),
    external_reference: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'PrepaidOriginalTransaction' });

export const originalTransactionPage = z.object({
  count: z.number().int(),
  next: z.string().nullable(),
  previous: z.string().nullable(),
  results: z.array(originalTransaction),
});

/** The original's `StandardPagination` (20 a page, `page_size` up to 100) and its `?meter=` filter. */
export const transactionQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
  meter: z.string().max(60).optional(),
});

export const transactionParams = z.object({ id: z.string().min(1).max(60) });
