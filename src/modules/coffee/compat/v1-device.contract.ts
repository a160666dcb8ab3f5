import { z } from 'zod';
import type { StatusReport } from '../device-status.ts';
import type { MaterialsReport } from '../materials-report.ts';
import type { DeviceOrder } from '../orders.ts';
import { materialCode } from '../recipe.schema.ts';

// The original system's device API (`/api/v1/devices/…`, snake_case, `{ok, data}`), as its
// firmware sends it (github.com/yulaomao/coffeeNew: backend PR #2 `api/v1`, device agent PR #1
// `device/backend/schemas.py`). Both versions are accepted where they differ; unknown fields are
// ignored, as the original did. Each shape is translated to the use case's own input here.

const timestamp = z.string().datetime({ offset: true });

export const v1RegisterSchema = z.object({
  // any id the original's register took (String(255)): `BJ-朝阳-01`, `CM 2002`
  device_id: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[^\p{Cc}]+$/u, 'no control characters')
    .refine((v) => v === v.trim(), 'no spaces at its ends'),
  model: z.string().min(1).max(64).optional(),
  device_type: z.string().min(1).max(64).optional(),
  firmware_version: z.string().max(64).optional(),
  serial: z.string().max(64).optional(),
  claim_code: z.string().max(40).optional(),
});

export const v1StatusSchema = z.object({
  status: z.string().max(20).optional(),
  timestamp: timestamp.optional(),
  temperature: z.number().min(-50).max(200).nullish(),
  firmware_version: z.string().max(64).optional(),
});

/** The original's statuses; what is not a fault or maintenance is a machine that works. */
export function toStatusReport(b: z.infer<typeof v1StatusSchema>): StatusReport {
  const status = b.status === 'fault' || b.status === 'maintenance' ? b.status : 'online';
  return {
    status,
    ...(b.temperature == null ? {} : { temperature: b.temperature }),
    ...(b.firmware_version ? { firmware: b.firmware_version } : {}),
  };
}

const v1Bin = z.object({
  bin_index: z.number().int().min(0).max(63),
  material_code: materialCode,
  // the firmware reports floats (grams with decimals); bins count whole units
  remaining: z.number().min(0),
  capacity: z.number().positive().optional(),
  unit: z.string().max(10).optional(),
});
export const v1MaterialsSchema = z
  .object({
    timestamp: timestamp.optional(),
    materials: z.array(v1Bin).max(64),
    bins: z.array(v1Bin).max(64),
  })
  .partial()
  .refine((b) => (b.materials ?? b.bins ?? []).length > 0, {
    message: 'Give the bins as materials (or bins), at least one',
    path: ['materials'],
  });

export function toMaterialsReport(b: z.infer<typeof v1MaterialsSchema>): MaterialsReport {
  return {
    bins: (b.materials ?? b.bins ?? []).map((m) => ({
      binIndex: m.bin_index,
      materialCode: m.material_code,
      remaining: Math.round(m.remaining),
      ...(m.capacity === undefined ? {} : { capacity: Math.max(1, Math.round(m.capacity)) }),
    })),
  };
}

export const v1CommandResultSchema = z.object({
  command_id: z.string().uuid(),
  status: z.enum(['success', 'fail']),
  result_payload: z.record(z.string(), z.unknown()).nullish(),
  error_message: z.string().max(1000).nullish(),
});

const v1Item = z.object({
  product_id: z.union([z.string(), z.number()]).optional(),
  recipe_id: z.number().optional(),
  name: z.string().min(1).max(100).optional(),
  recipe_name: z.string().min(1).max(100).optional(),
  qty: z.number().int().min(1).max(100).optional(),
  quantity: z.number().int().min(1).max(100).optional(),
  unit_price: z.number().min(0).optional(),
  price: z.number().min(0).optional(),
});
export const v1OrderSchema = z.object({
  order_id: z.string().min(1).max(100),
  device_ts: timestamp.optional(),
  created_at: timestamp.optional(),
  items: z
    .array(v1Item)
    .min(1)
    .max(50)
    .refine(
      (items) => items.every((i) => (i.name ?? i.recipe_name) && (i.unit_price ?? i.price) !== undefined),
      {
        message: 'Each item needs a name (or recipe_name) and a unit_price (or price)',
      },
    ),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  payment_method: z.string().max(20).optional(),
  payment_status: z.enum(['unpaid', 'paid', 'refunded', 'refund_failed']).optional(),
});

/** The original's payment methods in ours (its machines' and its database's): WeChat Pay and Alipay are wallets. */
export const PAYMENT_METHODS: Readonly<Record<string, DeviceOrder['paymentMethod']>> = {
  card: 'card',
  corp: 'corp',
  cash: 'cash',
  wallet: 'wallet',
  wechat: 'wallet',
  alipay: 'wallet',
};

/** Prices come in major units (`3.5`); `exponent` is the currency's minor-unit digits. */
export function toDeviceOrder(
  b: z.infer<typeof v1OrderSchema>,
  currency: string,
  exponent: number,
  now: Date,
): DeviceOrder {
  return {
    orderId: b.order_id,
    orderedAt: b.device_ts ?? b.created_at ?? now.toISOString(),
    items: b.items.map((i) => ({
      name: (i.name ?? i.recipe_name)!,
      qty: i.qty ?? i.quantity ?? 1,
      unitPriceMinor: Math.round((i.unit_price ?? i.price ?? 0) * 10 ** exponent),
    })),
    currency,
    paymentMethod: PAYMENT_METHODS[b.payment_method ?? 'card'] ?? 'card',
    vend: 'vended',
  };
}
