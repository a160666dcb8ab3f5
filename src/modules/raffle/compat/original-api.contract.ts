import { z } from 'zod';

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
  number: z.number().int(),
  status: z.enum(['AVAILABLE', 'RESERVED', 'SOLD']),
  reserved_by_order: z.string().nullable(),
  reserved_until: z.string().nullable(),
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
    paid_at: z.string().nullable(),
    expires_at: z.string().nullable(),
    ticket_numbers: z.array(z.number().int()),
  })
  .meta({ id: 'RaffleOriginalOrder' });

const page = <T extends z.ZodType>(item: T) =>
  z.object({
    count: z.number().int(),
    next: z.string().nullable(),
    previous: z.string().nullable(),
    results: z.array(item),
  });
export const originalRafflePage = page(originalRaffle);
export const originalOrderPage = page(originalOrder);

export const idParams = z.object({ id: z.uuid() });
export const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) });
export const rafflesQuery = pageQuery.extend({
  is_active: z.enum(['true', 'false', 'True', 'False', '1', '0']).optional(),
});
export const ordersQuery = pageQuery.extend({
  status: z.enum(['PENDING_PAYMENT', 'PAID', 'CANCELLED', 'EXPIRED']).optional(),
  raffle: z.uuid().optional(),
  contact: z.uuid().optional(),
});
export const confirmBody = z
  .object({ payment_proof_media_id: z.string().max(200).nullable().optional() })
  .nullish();
export const cancelAnswer = z.object({
  message: z.string(),
  released_tickets: z.number().int(),
  order: originalOrder,
});

/** The original's DRF page size. */
export const ORIGINAL_PAGE_SIZE = 50;
