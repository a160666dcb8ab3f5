import { sql } from 'kysely';
import type { Ctx } from '../../../core/context/index.ts';
import {
  choiceField,
  dateTimeField,
  FieldProblem,
  type ImportModel,
  type ImportRefs,
  integerField,
  type SourceRecord,
  targetOf,
} from '../../../core/imports/index.ts';
import { IMPORTED_ORDER_KEY } from './order-writes.ts';
import type { OriginalTicket, SoldBook } from './sold-book.ts';

const pkOf = (value: unknown) =>
  value === null || value === undefined || value === '' ? null : String(value);

function raffleOf(refs: ImportRefs, book: SoldBook, record: SourceRecord) {
  const raffleId = targetOf(refs, record, 'raffle', 'raffles.raffle', 'raffle', { required: true })!;
  const raffle = book.raffles.get(String(record.fields.raffle));
  if (!raffle)
    throw new FieldProblem('raffle', `raffle ${String(record.fields.raffle)} is not in the source`);
  return { raffleId, raffle };
}

/**
 * The Opsdesk tickets of (raffle, number) pairs, in order. Each is there since its raffle came over
 * (the whole range); the upsert answers its id without changing it, and in a dry run, where the
 * raffle's batch was rolled back, writes a stand-in the dry run rolls back in turn.
 */
async function ticketIds(tx: Ctx, pairs: ReadonlyArray<{ raffleId: string; number: number }>) {
  if (pairs.length === 0) return [];
  const { rows } = await sql<{ id: string; raffle_id: string; number: number }>`
    insert into raffle_ticket (org_id, raffle_id, number)
    select ${tx.orgId}, p.raffle_id, p.number
    from unnest(${sql.val(pairs.map((p) => p.raffleId))}::uuid[], ${sql.val(pairs.map((p) => p.number))}::int[])
      as p(raffle_id, number)
    on conflict (org_id, raffle_id, number) do update set number = excluded.number
    returning id, raffle_id, number`.execute(tx.db);
  const idOf = new Map(rows.map((r) => [`${r.raffle_id}#${r.number}`, r.id]));
  return pairs.map((p) => idOf.get(`${p.raffleId}#${p.number}`)!);
}

/**
 * A number whose record changed in the original since the last run, where the ticket alone says
 * so (its order's record may be unchanged: staff set `reserved_by_order` or the status by hand, or
 * the original freed a hold that ran out when the next reservation came): named to an order the
 * import brought, it is that order's (sold when SOLD or the order is paid here, held while the
 * order waits, free otherwise); free and named to none, it leaves the order it was held for here
 * unless that order is paid (a paid order keeps its numbers, as its own import decided). Only
 * numbers free or held by orders the import brought move; an order made in Opsdesk keeps its own.
 * A number SOLD without naming an order is its order's to bring.
 */
async function bringTicketStates(
  tx: Ctx,
  refs: ImportRefs,
  rows: ReadonlyArray<{ id: string; row: OriginalTicket }>,
): Promise<void> {
  const named = rows.flatMap(({ row }) => {
    const orderId = row.reservedBy ? refs.target('raffles.order', row.reservedBy) : undefined;
    return orderId ? [{ ...row, orderId }] : [];
  });
  const freed = rows.filter(({ row }) => row.status === 'available' && !row.reservedBy).map((r) => r.row);
  const movable = sql`(t.status = 'available' or (t.status = 'held' and t.held_until <= ${tx.clock.now()})
    or exists (select 1 from raffle_order m where m.org_id = t.org_id and m.id = t.order_id
               and m.source_key like ${`${IMPORTED_ORDER_KEY}%`}))`;
  if (named.length)
    await sql`
      update raffle_ticket t
      set status = s.status, order_id = case when s.status = 'available' then null else s.order_id end,
          held_until = case when s.status = 'held' then s.until end
      from (select x.raffle_id, x.number, o.id as order_id, o.expires_at as until,
                   case when x.sold or o.status = 'paid' then 'sold'
                        when o.status = 'pending_payment' and o.expires_at > ${tx.clock.now()} then 'held'
                        else 'available' end as status
            from unnest(${sql.val(named.map((n) => n.raffleId))}::uuid[], ${sql.val(named.map((n) => n.number))}::int[],
                        ${sql.val(named.map((n) => n.orderId))}::uuid[], ${sql.val(named.map((n) => n.status === 'sold'))}::boolean[])
                 as x(raffle_id, number, order_id, sold)
            join raffle_order o on o.org_id = ${tx.orgId} and o.id = x.order_id) s
      where t.org_id = ${tx.orgId} and t.raffle_id = s.raffle_id and t.number = s.number
        and (t.order_id = s.order_id or ${movable})`.execute(tx.db);
  if (freed.length)
    await sql`
      update raffle_ticket t set status = 'available', order_id = null, held_until = null
      from unnest(${sql.val(freed.map((f) => f.raffleId))}::uuid[], ${sql.val(freed.map((f) => f.number))}::int[])
        as x(raffle_id, number)
      where t.org_id = ${tx.orgId} and t.raffle_id = x.raffle_id and t.number = x.number
        and t.status <> 'available'
        and exists (select 1 from raffle_order m where m.org_id = t.org_id and m.id = t.order_id
                    and m.source_key like ${`${IMPORTED_ORDER_KEY}%`} and m.status <> 'paid')`.execute(tx.db);
}

/**
 * `raffles.ticketnumber` → the raffle's ticket of that number (made with the raffle's range). Its
 * state is brought by the order that holds it (the orders come after and read this book), so a
 * ticket is sold to its order and buyer even where the original left `reserved_by_order` empty on a
 * SOLD ticket and only the order/ticket join names the order (`seed_test_data`, a desk sale marked
 * SOLD in the admin). A number changed since the last run is brought by `bringTicketStates`, and
 * again by its order when the order changed too.
 */
export const ticketsImport = (book: SoldBook): ImportModel<OriginalTicket> => ({
  model: 'raffles.ticketnumber',
  volatile: ['updated_at'],
  label: 'tickets',
  foreignKeys: ['raffle', 'reserved_by_order'],
  async begin(_ctx, refs) {
    return {
      parse(record) {
        const f = record.fields;
        const { raffleId, raffle } = raffleOf(refs, book, record);
        const number = Number(integerField(f, 'number', { required: true }));
        if (number < raffle.min || number > raffle.max)
          throw new FieldProblem('number', `is outside its raffle's range ${raffle.min}-${raffle.max}`);
        const status = choiceField(f, 'status', ['available', 'reserved', 'sold'], { required: true })!;
        const ticket: OriginalTicket = {
          rafflePk: String(f.raffle),
          raffleId,
          number,
          status,
          reservedBy: pkOf(f.reserved_by_order),
          reservedUntil: dateTimeField(f, 'reserved_until'),
        };
        book.tickets.set(record.pk, ticket);
        if (ticket.reservedBy) book.join(ticket.reservedBy, record.pk, false);
        return { row: ticket };
      },
      write: (tx, rows) => ticketIds(tx, rows),
      update: (tx, rows) => bringTicketStates(tx, refs, rows),
      refusalOf: (err) => (err instanceof FieldProblem ? `${err.field}: ${err.message}` : undefined),
    };
  },
});

/**
 * `raffles.orderticket` → which numbers an order took (a paid, cancelled or expired order keeps its
 * numbers here even when its tickets were released, and a SOLD ticket without `reserved_by_order`
 * is its order's by this join). Read for the orders after it; it writes nothing of its own and
 * stands for the ticket it joins.
 */
export const orderTicketsImport = (book: SoldBook): ImportModel<{ raffleId: string; number: number }> => ({
  model: 'raffles.orderticket',
  label: 'order tickets',
  foreignKeys: ['order', 'ticket'],
  async begin(_ctx, refs) {
    return {
      parse(record) {
        const orderPk = pkOf(record.fields.order);
        const ticketPk = pkOf(record.fields.ticket);
        if (!orderPk) throw new FieldProblem('order', 'is required');
        const ticket = ticketPk ? book.tickets.get(ticketPk) : undefined;
        if (!ticket) {
          const refused = ticketPk ? refs.refusal('raffles.ticketnumber', ticketPk) : undefined;
          throw new FieldProblem(
            'ticket',
            refused
              ? `its ticket ${ticketPk} was refused (${refused})`
              : `ticket ${ticketPk ?? ''} is not in the source`,
          );
        }
        book.join(orderPk, ticketPk!, true, dateTimeField(record.fields, 'created_at'));
        return { row: { raffleId: ticket.raffleId, number: ticket.number } };
      },
      write: (tx, rows) => ticketIds(tx, rows),
      // A join changed since (its order or ticket pk): the orders it names bring their numbers.
      update: async () => {},
      refusalOf: (err) => (err instanceof FieldProblem ? `${err.field}: ${err.message}` : undefined),
    };
  },
});
