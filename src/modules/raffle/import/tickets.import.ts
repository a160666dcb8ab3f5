import { sql } from 'kysely';
import {
  choiceField,
  dateTimeField,
  FieldProblem,
  type ImportModel,
  type ImportRefs,
  integerField,
  type SourceRecord,
} from '../../../core/imports/index.ts';

/** A ticket of the original as its orders need it: its number, its state and the order holding it. */
export interface OriginalTicket {
  raffleId: string;
  number: number;
  status: 'available' | 'reserved' | 'sold';
  orderPk: string | null;
  reservedUntil: Date | null;
}

/**
 * What the tickets and the order/ticket join tell the orders that come after them (one run): each
 * ticket by the original's pk, and each order's tickets by the order's pk.
 */
export interface SoldBook {
  /** Each raffle's currency by the original's pk (its orders' amounts are in it). */
  currencies: Map<string, string>;
  tickets: Map<string, OriginalTicket>;
  ordersOf: Map<string, Set<string>>;
}

const pkOf = (value: unknown) =>
  value === null || value === undefined || value === '' ? null : String(value);

function raffleOf(refs: ImportRefs, record: SourceRecord): string {
  const id = refs.target('raffles.raffle', record.fields.raffle);
  if (!id) throw new FieldProblem('raffle', `raffle ${String(record.fields.raffle ?? '')} did not come over`);
  return id;
}

/** The Opsdesk tickets (made with their raffle) of (raffle, number) pairs, in order. */
async function ticketIds(
  tx: import('../../../core/context/index.ts').Ctx,
  pairs: ReadonlyArray<{ raffleId: string; number: number }>,
): Promise<string[]> {
  const { rows } = await sql<{ id: string; i: number }>`
    select t.id, p.i from unnest(${sql.val(pairs.map((p) => p.raffleId))}::uuid[], ${sql.val(pairs.map((p) => p.number))}::int[])
      with ordinality as p(raffle_id, number, i)
    join raffle_ticket t on t.org_id = ${tx.orgId} and t.raffle_id = p.raffle_id and t.number = p.number
    order by p.i`.execute(tx.db);
  if (rows.length !== pairs.length) throw new FieldProblem('number', 'is outside its raffle’s range');
  return rows.map((r) => r.id);
}

/**
 * `raffles.ticketnumber` → the raffle's ticket of that number (made with the raffle's range). Its
 * state is the order's to set (the orders come after): a sold or reserved ticket names the order
 * that holds it, or it cannot come over.
 */
export const ticketsImport = (book: SoldBook): ImportModel<OriginalTicket & { pk: string }> => ({
  model: 'raffles.ticketnumber',
  label: 'tickets',
  foreignKeys: ['raffle', 'reserved_by_order'],
  async begin(_ctx, refs) {
    return {
      parse(record) {
        const f = record.fields;
        const raffleId = raffleOf(refs, record);
        const number = Number(integerField(f, 'number', { required: true }));
        const status = choiceField(f, 'status', ['available', 'reserved', 'sold'], { required: true })!;
        const orderPk = pkOf(f.reserved_by_order);
        if (status !== 'available' && !orderPk)
          throw new FieldProblem('reserved_by_order', `is empty for a ${status.toUpperCase()} ticket`);
        const ticket: OriginalTicket = {
          raffleId,
          number,
          status,
          orderPk: status === 'available' ? null : orderPk,
          reservedUntil: dateTimeField(f, 'reserved_until'),
        };
        book.tickets.set(record.pk, ticket);
        if (ticket.orderPk) {
          const of = book.ordersOf.get(ticket.orderPk) ?? new Set<string>();
          of.add(record.pk);
          book.ordersOf.set(ticket.orderPk, of);
        }
        return { row: { ...ticket, pk: record.pk } };
      },
      // Nothing to write yet: the ticket is there since its raffle came over.
      write: (tx, rows) => ticketIds(tx, rows),
      refusalOf: (err) => (err instanceof FieldProblem ? `${err.field}: ${err.message}` : undefined),
    };
  },
});

/**
 * `raffles.orderticket` → which numbers an order took (a paid, cancelled or expired order keeps its
 * numbers here even when its tickets were released). Read for the orders after it; it writes
 * nothing of its own and stands for the ticket it joins.
 */
export const orderTicketsImport = (book: SoldBook): ImportModel<{ raffleId: string; number: number }> => ({
  model: 'raffles.orderticket',
  label: 'order tickets',
  foreignKeys: ['order', 'ticket'],
  async begin() {
    return {
      parse(record) {
        const orderPk = pkOf(record.fields.order);
        const ticketPk = pkOf(record.fields.ticket);
        if (!orderPk) throw new FieldProblem('order', 'is required');
        const ticket = ticketPk ? book.tickets.get(ticketPk) : undefined;
        if (!ticket) throw new FieldProblem('ticket', `ticket ${ticketPk ?? ''} did not come over`);
        const of = book.ordersOf.get(orderPk) ?? new Set<string>();
        of.add(ticketPk!);
        book.ordersOf.set(orderPk, of);
        return { row: { raffleId: ticket.raffleId, number: ticket.number } };
      },
      write: (tx, rows) => ticketIds(tx, rows),
      refusalOf: (err) => (err instanceof FieldProblem ? `${err.field}: ${err.message}` : undefined),
    };
  },
});
