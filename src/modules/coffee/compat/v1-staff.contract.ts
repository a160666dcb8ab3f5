import { z } from 'zod';
import { checkCommandParams } from '../coffee.contract.ts';
import { COMMAND_TYPES } from '../coffee.rules.ts';

// The original system's staff API (github.com/yulaomao/coffeeNew backend PR #2 `api/v1`): its query
// parameters and bodies, snake_case, translated here to the native use cases' inputs.

/** `from`/`to` as the original took them: an ISO date or date-time; the day is what counts here. */
const dayOrTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'an ISO date or date-time')
  .transform((v) => v.slice(0, 10));
/** A machine's serial (the original's `device_id`, as its firmware registered it) or its id. */
export const machineName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^\p{Cc}]+$/u, 'a serial or machine id');
/** A merchant as the original named it (its integer id, through the import's origin map) or by our id. */
const merchantName = z.union([z.uuid(), z.string().regex(/^\d{1,18}$/, "a merchant's id")]);
const page = z.coerce.number().int().min(1).max(10_000).default(1);
const pageSize = z.coerce.number().int().min(1).max(100).default(20);

export const v1DashboardQuery = z.object({
  from: dayOrTime.optional(),
  to: dayOrTime.optional(),
  merchant_id: merchantName.optional(),
});

export const v1DeviceListQuery = z.object({
  query: z.string().max(200).optional(),
  merchant_id: merchantName.optional(),
  model: z.string().max(64).optional(),
  status: z.enum(['registered', 'online', 'offline', 'fault', 'maintenance']).optional(),
  page,
  page_size: pageSize,
});

export const v1OrderListQuery = z.object({
  from: dayOrTime.optional(),
  to: dayOrTime.optional(),
  device_id: machineName.optional(),
  payment_method: z.enum(['wechat', 'alipay', 'card', 'corp', 'cash', 'wallet']).optional(),
  page,
  page_size: pageSize,
});

export const v1CommandSchema = z
  .object({
    type: z.enum(COMMAND_TYPES),
    payload: z.record(z.string(), z.unknown()).optional(),
    max_attempts: z.number().int().min(1).max(10).optional(),
  })
  .superRefine((c, ctx) => checkCommandParams({ type: c.type, params: c.payload ?? {} }, ctx, ['payload']));

export const v1RefundSchema = z.object({
  reason: z.string().trim().min(1).max(200),
  note: z.string().trim().max(500).optional(),
});

/** The original's payment methods in ours: WeChat Pay and Alipay are wallets. */
export const ourPaymentMethod = (m: string) => (m === 'wechat' || m === 'alipay' ? 'wallet' : m);

/** Minor units in the original's major-unit prices (`350` → `3.5`). */
export const major = (minor: number, exponent: number) => minor / 10 ** exponent;

export const tags = ['coffee staff (v1 compatibility)'];
export const deviceParams = z.object({ deviceId: machineName });
// the machine's own order id: any text the database can hold (no NUL)
export const orderParams = z.object({
  orderId: z
    .string()
    .min(1)
    .max(100)
    .refine((v) => !v.includes(String.fromCharCode(0)), 'an order id'),
});
