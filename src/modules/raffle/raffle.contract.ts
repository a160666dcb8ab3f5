import { z } from 'zod';
import { pageQuery, pageSchema } from '../../core/resources/index.ts';
import { deliverySchema } from './order-delivery.contract.ts';
import type { OrderView } from './order-view.ts';
import type { RaffleView } from './raffle-view.ts';

export const idParams = z.object({ id: z.string().uuid() });

export const raffleSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  priceMinor: z.number().int(),
  currency: z.string(),
  minNumber: z.number().int(),
  maxNumber: z.number().int(),
  opensAt: z.iso.datetime().nullable(),
  closesAt: z.iso.datetime().nullable(),
  maxPerOrder: z.number().int(),
  maxPerBuyer: z.number().int(),
  holdMinutes: z.number(),
  status: z.enum(['draft', 'selling', 'closed', 'drawn']),
  commitment: z.string(),
  ledgerHash: z.string().nullable(),
  drawnAt: z.iso.datetime().nullable(),
  prizes: z.array(
    z.object({ position: z.number().int(), title: z.string(), winningNumber: z.number().int().nullable() }),
  ),
});
export type RaffleJson = z.infer<typeof raffleSchema>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The API shape of a raffle: dates as ISO strings. */
export function toRaffleJson(r: RaffleView): RaffleJson {
  return { ...r, opensAt: iso(r.opensAt), closesAt: iso(r.closesAt), drawnAt: iso(r.drawnAt) };
}

export const newRaffleSchema = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(2000).optional(),
  priceMinor: z.number().int().positive(),
  currency: z.string().regex(/^[A-Za-z]{3}$/),
  minNumber: z.number().int().min(0),
  maxNumber: z.number().int().min(0),
  opensAt: z.coerce.date().nullable().optional(),
  closesAt: z.coerce.date().nullable().optional(),
  maxPerOrder: z.number().int().min(1).max(500).optional(),
  maxPerBuyer: z.number().int().min(1).optional(),
  holdMinutes: z.number().min(0.02).max(1440).optional(),
  prizes: z.array(z.string().trim().min(1).max(200)).min(1).max(100),
});

export const orderSchema = z.object({
  id: z.string(),
  raffleId: z.string(),
  buyerId: z.string(),
  status: z.enum(['pending_payment', 'paid', 'cancelled', 'expired']),
  numbers: z.array(z.number().int()),
  quantity: z.number().int(),
  amountMinor: z.number().int(),
  currency: z.string(),
  expiresAt: z.iso.datetime(),
  paymentId: z.string().nullable(),
  refundDue: z.boolean(),
  refundedMinor: z.number().int().describe('What went back of its money; the raffle’s money views net it'),
  paidAt: z.iso.datetime().nullable(),
  cancelledAt: z.iso.datetime().nullable(),
  expiredAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  /**
   * One order: every message to the buyer about it. A staff action: the messages it queued, so
   * staff see at once that the buyer cannot be reached, and why. Not in lists.
   */
  delivery: z.array(deliverySchema).optional(),
});
export type OrderJson = z.infer<typeof orderSchema>;

/** The API shape of an order: dates as ISO strings. */
export function toOrderJson(o: OrderView): OrderJson {
  return {
    ...o,
    expiresAt: o.expiresAt.toISOString(),
    paidAt: iso(o.paidAt),
    cancelledAt: iso(o.cancelledAt),
    expiredAt: iso(o.expiredAt),
    createdAt: o.createdAt.toISOString(),
  };
}

export const cancelledOrderSchema = z.object({ order: orderSchema, released: z.array(z.number().int()) });

export const orderQuery = z.object({
  raffleId: z.string().uuid().optional(),
  buyerId: z.string().uuid().optional(),
  status: z.enum(['pending_payment', 'paid', 'cancelled', 'expired']).optional(),
  ...pageQuery({ perPage: 100, maxPerPage: 500 }),
});

/** A page of orders, newest first. */
export const orderPageSchema = pageSchema(orderSchema);

export const reserveBody = z
  .object({
    waId: z.string().min(5).max(20),
    name: z.string().max(200).optional(),
    numbers: z.array(z.number().int()).min(1).max(500).optional(),
    random: z.number().int().min(1).max(500).optional(),
  })
  .refine((b) => (b.numbers ? 1 : 0) + (b.random ? 1 : 0) === 1, {
    message: 'give numbers or random, not both',
  });

export const availabilitySchema = z.object({
  raffleId: z.string(),
  total: z.number().int(),
  available: z.number().int(),
  held: z.number().int(),
  sold: z.number().int(),
});
export type AvailabilityJson = z.infer<typeof availabilitySchema>;

export const gridSchema = z.object({
  raffleId: z.string(),
  minNumber: z.number().int(),
  maxNumber: z.number().int(),
  statuses: z.string().describe('one character per number from minNumber: a available, h held, s sold'),
});
export type GridJson = z.infer<typeof gridSchema>;

export const ticketSchema = z.object({
  number: z.number().int(),
  status: z.enum(['available', 'held', 'sold']),
  orderId: z.string().nullable(),
  heldUntil: z.iso.datetime().nullable(),
});
export type TicketJson = z.infer<typeof ticketSchema>;

export const ticketQuery = z.object({
  status: ticketSchema.shape.status.optional(),
  ...pageQuery({ perPage: 500, maxPerPage: 5000 }),
});

/** A page of a raffle's tickets, in number order. */
export const ticketPageSchema = pageSchema(ticketSchema);

const entry = z.object({ number: z.number().int(), orderId: z.string() });
/** What the public draw page shows: enough for anyone to re-run the draw with `verifyDraw`. */
export const publicDrawSchema = z.object({
  raffleId: z.string(),
  title: z.string(),
  status: z.string(),
  commitment: z.string(),
  seed: z.string().nullable(),
  ledgerHash: z.string().nullable(),
  ledger: z.array(entry),
  prizes: z.array(
    z.object({
      position: z.number().int(),
      title: z.string(),
      winningNumber: z.number().int().nullable(),
      winningOrderId: z.string().nullable(),
      /** The winner as the public page names them: first name, else the number's last four digits. */
      winner: z.string().nullable(),
    }),
  ),
  algorithm: z.string(),
  verified: z.boolean().nullable(),
});
export type PublicDraw = z.infer<typeof publicDrawSchema>;

// What the console's raffle screens read beyond the lists

/** `organization.settings.raffle`: what a seller tunes without a deploy. */
export const raffleSettingsSchema = z.object({
  /**
   * The account buyers pay into, as they should type it ("Banco Itaú, cuenta 123-456, Rifas SA",
   * "Tigo Money 0981 123 456"); the bot names it in its payment instructions. Null: not set.
   */
  paymentAccount: z.string().trim().max(300).nullable().default(null),
  /**
   * Text the buyer by SMS (to their WhatsApp number) when WhatsApp cannot deliver an order's outcome or
   * a won prize: Meta refused the template, the 24-hour window closed, the number left WhatsApp (issue 65).
   */
  smsFallback: z
    .boolean()
    .default(true)
    .describe('SMS to the buyer when WhatsApp cannot deliver an order outcome or a won prize'),
});
export type RaffleSettings = z.infer<typeof raffleSettingsSchema>;

/** A raffle's paid sales per day, its tickets by status and its buyers. */
export const raffleSalesSchema = z.object({
  raffleId: z.string(),
  currency: z.string(),
  timeZone: z.string(),
  tickets: availabilitySchema,
  buyers: z.number().int(),
  amountMinor: z.number().int(),
  days: z.array(
    z.object({
      day: z.string(),
      orders: z.number().int(),
      tickets: z.number().int(),
      amountMinor: z.number().int(),
    }),
  ),
});

export type RaffleSalesJson = z.infer<typeof raffleSalesSchema>;

/** The seller's to-do list: proofs waiting, holds about to expire, money in today. */
export const raffleTodaySchema = z.object({
  proofsWaiting: z.number().int(),
  holdsExpiring: z.array(
    z.object({
      orderId: z.string(),
      raffle: z.string(),
      buyer: z.string().nullable(),
      numbers: z.array(z.number().int()),
      expiresAt: z.string(),
    }),
  ),
  moneyToday: z.array(
    z.object({ currency: z.string(), amountMinor: z.number().int(), orders: z.number().int() }),
  ),
});

export type RaffleTodayJson = z.infer<typeof raffleTodaySchema>;

/** A drawn raffle's winners in prize order. */
export const raffleWinnersSchema = z.array(
  z.object({
    position: z.number().int(),
    prize: z.string(),
    number: z.number().int(),
    orderId: z.string(),
    buyer: z.string(),
    phone: z.string().nullable(),
  }),
);
export type RaffleWinnersJson = z.infer<typeof raffleWinnersSchema>;
