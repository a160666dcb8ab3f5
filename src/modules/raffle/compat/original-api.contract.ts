import { z } from 'zod';
import { drfPageQuery, drfPageSchema } from '../../../platform/http/index.ts';

/*
 * The original raffle backoffice's API shapes (devpbeat/raffle-backoffice, `apps/raffles/serializers.py`
 * as the reference file records them): snake_case fields, upper-case statuses, decimals as strings.
 */

export const ORIGINAL_ORDER_STATUS = {
  pending_payment: 'PENDING_PAYMENT',
  paid: 'PAID',
  cancelled: 'CANCELLED',
  expired: 'EXPIRED',
} as const;
export const ORIGINAL_TICKET_STATUS = { available: 'AVAILABLE', held: 'RESERVED', sold: 'SOLD' } as const;

export const originalRaffle = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    ticket_price: z.string(),
    currency: z.string(),
    is_active: z.boolean().describe('selling now'),
    min_number: z.number().int(),
    max_number: z.number().int(),
    draw_date: z.string().nullable(),
    winner_number: z.number().int().nullable(),
    total_tickets: z.number().int(),
    available_count: z.number().int(),
    sold_count: z.number().int(),
    reserved_count: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'RaffleOriginalRaffle' });

export const originalAvailability = z.object({
  raffle_id: z.string(),
  total_tickets: z.number().int(),
  available_count: z.number().int(),
  sold_count: z.number().int(),
  reserved_count: z.number().int(),
  available_numbers: z.array(z.number().int()),
});

export const originalTicket = z.object({
  id: z.string(),
  number: z.number().int(),
  status: z.enum(['AVAILABLE', 'RESERVED', 'SOLD']),
  reserved_by_order: z.string().nullable(),
  reserved_until: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const originalOrder = z
  .object({
    id: z.string(),
    raffle: z.string(),
    raffle_title: z.string(),
    contact: z.string(),
    contact_wa_id: z.string().nullable(),
    contact_name: z.string().nullable(),
    qty: z.number().int(),
    total_amount: z.string(),
    status: z.enum(['PENDING_PAYMENT', 'PAID', 'CANCELLED', 'EXPIRED']),
    payment_proof_media_id: z.string().nullable().describe('the payment recorded for it, if any'),
    created_at: z.string(),
    updated_at: z.string(),
    paid_at: z.string().nullable(),
    expires_at: z.string().nullable(),
    tickets: z
      .array(z.object({ id: z.string(), ticket_number: z.number().int(), created_at: z.string() }))
      .describe('its numbers as the order/ticket join listed them'),
    ticket_numbers: z.array(z.number().int()),
  })
  .meta({ id: 'RaffleOriginalOrder' });

export const originalRafflePage = drfPageSchema(originalRaffle);
export const originalOrderPage = drfPageSchema(originalOrder);

/** An id as Opsdesk names a record, or as the original did (its integer pk, for what the import brought). */
export const originalId = z.union([z.uuid(), z.string().regex(/^\d{1,18}$/, 'an id')]);
export const idParams = z.object({ id: originalId });
export const rafflesQuery = drfPageQuery.extend({
  is_active: z.enum(['true', 'false', 'True', 'False', '1', '0']).optional(),
});
export const ordersQuery = drfPageQuery.extend({
  status: z.enum(['PENDING_PAYMENT', 'PAID', 'CANCELLED', 'EXPIRED']).optional(),
  raffle: originalId.optional(),
  contact: originalId.optional(),
});
export const confirmBody = z
  .object({ payment_proof_media_id: z.string().max(200).nullable().optional() })
  .nullish();
export const cancelAnswer = z.object({
  message: z.string(),
  released_tickets: z.number().int(),
  order: originalOrder,
});

/** The original's writable raffle fields (`RaffleSerializer`): decimals as text or numbers, like DRF. */
const decimal = z.union([z.string().regex(/^-?\d{1,8}(\.\d{1,2})?$/, 'a decimal like 10000.00'), z.number()]);
export const rafflePut = z.object({
  title: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  ticket_price: decimal,
  currency: z.string().length(3).optional(),
  is_active: z.boolean().optional(),
  min_number: z.number().int().min(0).optional(),
  max_number: z.number().int().min(0),
  draw_date: z.iso.datetime({ offset: true }).nullable().optional(),
  winner_number: z.null().optional().describe('a winner comes from the draw in Opsdesk, never typed'),
});
export const rafflePatch = rafflePut.partial();
export const reserveBody = z
  .object({
    wa_id: z.string().min(1).max(50),
    type: z.enum(['random', 'specific']),
    qty: z.number().int().min(1).optional(),
    numbers: z.array(z.number().int()).min(1).optional(),
  })
  .refine((b) => (b.type === 'random' ? b.qty !== undefined : b.numbers !== undefined), {
    message: 'qty is required for random reservation, numbers for specific',
    path: ['non_field_errors'],
  });

/** The original's DRF page size. */
export const ORIGINAL_PAGE_SIZE = 50;
