import type { ImportFlag } from '../../../core/imports/index.ts';
import type { OrderStatus } from '../raffle.tables.ts';
import type { OriginalTicket } from './sold-book.ts';

export type OriginalOrderStatus = 'pending_payment' | 'paid' | 'cancelled' | 'expired';

/** What an order of the original becomes: its status here and the numbers it holds (sold when paid). */
export interface OrderHoldings {
  status: OrderStatus;
  /** The numbers it holds now, ascending: sold when paid, held until its hold ends when waiting. */
  holding: number[];
  flags: ImportFlag[];
  notes: string[];
}

export const NOTE_HOLD_EXPIRED = 'hold already expired: its numbers are free';
export const NOTE_NOTHING_HELD =
  'waiting for payment without a number held in the original: comes over expired';
export const NOTE_PAID_FREE_NUMBER =
  'paid in the original while a number of it was still AVAILABLE there (an order added in the admin): sold to it';

const upper = (s: string) => s.toUpperCase();

/**
 * Decides which numbers an order of the original holds (pure). A ticket is the order's when the
 * book says so (`reserved_by_order`, else the last order of the join); a paid order is sold its
 * numbers whether the original marked them SOLD with or without naming it, and even those the
 * admin left AVAILABLE when it added a paid order with its numbers. A number another order holds in
 * the original stays that order's, and the order here is flagged (the original sold it twice). A
 * hold that ran out before `now` comes over expired with its numbers free (the original frees them
 * only when the next reservation comes).
 */
export function holdingsOf(input: {
  orderPk: string;
  status: OriginalOrderStatus;
  tickets: ReadonlyArray<OriginalTicket & { pk: string }>;
  holderOf: (ticketPk: string) => string | null;
  expiresAt: Date;
  now: Date;
}): OrderHoldings {
  const flags: ImportFlag[] = [];
  const notes: string[] = [];
  const mine = input.tickets.filter((t) => input.holderOf(t.pk) === input.orderPk);
  const elsewhere = input.tickets.filter((t) => {
    const holder = input.holderOf(t.pk);
    return holder !== null && holder !== input.orderPk && t.status !== 'available';
  });
  if (input.status === 'paid') {
    for (const t of elsewhere)
      flags.push({
        field: 'tickets',
        reason: `number ${t.number} is ${upper(t.status)} for order ${input.holderOf(t.pk)} in the original (sold twice there): it comes over as that order's`,
      });
    if (mine.some((t) => t.status === 'available')) notes.push(NOTE_PAID_FREE_NUMBER);
    return { status: 'paid', holding: mine.map((t) => t.number), flags, notes };
  }
  if (input.status === 'pending_payment') {
    const held = mine.filter((t) => t.status !== 'available');
    for (const t of held.filter((x) => x.status === 'sold'))
      flags.push({
        field: 'tickets',
        reason: `number ${t.number} is SOLD in the original while this order waits for payment: held for it`,
      });
    if (input.expiresAt.getTime() <= input.now.getTime()) {
      notes.push(NOTE_HOLD_EXPIRED);
      return { status: 'expired', holding: [], flags, notes };
    }
    if (held.length === 0) {
      notes.push(NOTE_NOTHING_HELD);
      return { status: 'expired', holding: [], flags, notes };
    }
    return { status: 'pending_payment', holding: held.map((t) => t.number), flags, notes };
  }
  for (const t of mine.filter((x) => x.status === 'sold'))
    flags.push({
      field: 'tickets',
      reason: `number ${t.number} is still SOLD for this ${upper(input.status)} order in the original: it comes over free`,
    });
  return { status: input.status, holding: [], flags, notes };
}
