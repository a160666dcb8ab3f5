/** A ticket of the original as its orders need it: its number, its state and the order it names. */
export interface OriginalTicket {
  rafflePk: string;
  /** Its raffle in Opsdesk. */
  raffleId: string;
  number: number;
  status: 'available' | 'reserved' | 'sold';
  /** `reserved_by_order`: empty on SOLD tickets the original's seed and admin left without it. */
  reservedBy: string | null;
  reservedUntil: Date | null;
}

/** A raffle of the original as its tickets and orders need it. */
export interface OriginalRaffle {
  currency: string;
  /** Minor-unit digits of the currency (the money module's). */
  exponent: number;
  min: number;
  max: number;
}

/**
 * What the raffles, tickets and the order/ticket join tell the orders that come after them in one
 * run (every record is read on every run, so the book is whole): each raffle and ticket by the
 * original's pk, which orders took each ticket, and each order's tickets.
 */
export class SoldBook {
  readonly raffles = new Map<string, OriginalRaffle>();
  readonly tickets = new Map<string, OriginalTicket>();
  /** Orders that took each ticket (the join and `reserved_by_order`), by ticket pk. */
  readonly ordersOfTicket = new Map<string, Set<string>>();
  /** Each order's tickets (the join and those it holds), by order pk. */
  readonly ticketsOfOrder = new Map<string, Set<string>>();
  /** When each order's numbers were joined to it (the join's `created_at`), by order pk. */
  readonly joinedAt = new Map<string, Date>();

  /** Records that an order took a ticket (by the join, or by holding it). */
  join(orderPk: string, ticketPk: string, byJoin: boolean, at?: Date | null): void {
    const orders = this.ordersOfTicket.get(ticketPk) ?? new Set<string>();
    orders.add(orderPk);
    this.ordersOfTicket.set(ticketPk, orders);
    const tickets = this.ticketsOfOrder.get(orderPk) ?? new Set<string>();
    tickets.add(ticketPk);
    this.ticketsOfOrder.set(orderPk, tickets);
    if (byJoin && at && !this.joinedAt.has(orderPk)) this.joinedAt.set(orderPk, at);
  }

  /** An order's tickets with their pks, in number order. */
  ticketsOf(orderPk: string): Array<OriginalTicket & { pk: string }> {
    return [...(this.ticketsOfOrder.get(orderPk) ?? [])]
      .flatMap((pk) => {
        const t = this.tickets.get(pk);
        return t ? [{ ...t, pk }] : [];
      })
      .sort((a, b) => a.number - b.number);
  }

  /**
   * The order a ticket belongs to in the original: the one it names (`reserved_by_order`), else the
   * last order that took it by the join (an order can only take a number once the one before let
   * it go, so the latest is the one that has it); null when no order took it.
   */
  holderOf(ticketPk: string): string | null {
    const t = this.tickets.get(ticketPk);
    if (t?.reservedBy) return t.reservedBy;
    const orders = [...(this.ordersOfTicket.get(ticketPk) ?? [])];
    if (orders.length === 0) return null;
    return orders.reduce((a, b) => (comparePks(a, b) >= 0 ? a : b));
  }
}

/** Orders by primary key: numerically where both are numbers (Django's `AutoField`), else as text. */
export function comparePks(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (Number.isSafeInteger(x) && Number.isSafeInteger(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}
