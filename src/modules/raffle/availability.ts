import type { Ctx } from '../../core/context/index.ts';
import { sql } from '../../platform/db/index.ts';
import type { AvailabilityJson, GridJson, TicketJson } from './raffle.contract.ts';
import { RaffleErrors } from './raffle.errors.ts';
import type { RaffleTables, TicketStatus } from './raffle.tables.ts';
import { type RaffleView, raffleRow, raffleWithPrizes, toRaffleView } from './raffle-view.ts';

const effective = (now: Date) =>
  sql<TicketStatus>`case when status = 'held' and held_until <= ${now} then 'available' else status end`;

/** Counts by effective status: a held ticket past its hold counts as available. */
export async function availability(ctx: Ctx, raffleId: string): Promise<AvailabilityJson> {
  const raffle = await raffleRow(ctx, raffleId);
  return availabilityOf(ctx, { id: raffleId, minNumber: raffle.min_number, maxNumber: raffle.max_number });
}

/**
 * `availability` of a raffle the caller has read already (the bot's list and details): the counts
 * only, one statement fewer per chat step that shows them (issue 43).
 */
export async function availabilityOf(
  ctx: Ctx,
  raffle: { id: string; minNumber: number; maxNumber: number },
): Promise<AvailabilityJson> {
  const { rows } = await sql<StatusCount>`
    select ${effective(ctx.clock.now())} as s, count(*) as n from raffle_ticket
    where org_id = ${ctx.orgId} and raffle_id = ${raffle.id} group by 1`.execute(ctx.db);
  return fromCounts(raffle, rows);
}

type StatusCount = { s: TicketStatus; n: string | number };

/**
 * A raffle with its prizes and its availability in one statement (issue 64: the bot's details read
 * the raffle, then counted its tickets); raffle_not_found when there is none.
 */
export async function raffleAndAvailability(
  ctx: Ctx,
  raffleId: string,
): Promise<{ raffle: RaffleView; availability: AvailabilityJson }> {
  const found = await raffleWithPrizes(ctx, raffleId)
    .select(
      sql<StatusCount[] | null>`(select json_agg(json_build_object('s', c.s, 'n', c.n)) from (
        select ${effective(ctx.clock.now())} as s, count(*) as n from raffle_ticket t
        where t.org_id = raffle_raffle.org_id and t.raffle_id = raffle_raffle.id group by 1) c)`.as('counts'),
    )
    .executeTakeFirst();
  if (!found) throw RaffleErrors.raffle_not_found({ raffleId });
  const { prizes, counts, ...row } = found;
  const raffle = toRaffleView(row, prizes);
  return { raffle, availability: fromCounts(raffle, counts ?? []) };
}

function fromCounts(
  raffle: { id: string; minNumber: number; maxNumber: number },
  rows: ReadonlyArray<StatusCount>,
): AvailabilityJson {
  const count = (s: TicketStatus) => Number(rows.find((r) => r.s === s)?.n ?? 0);
  const generated = rows.reduce((sum, r) => sum + Number(r.n), 0);
  const total = raffle.maxNumber - raffle.minNumber + 1;
  return {
    raffleId: raffle.id,
    total,
    available: generated === 0 ? total : count('available'),
    held: count('held'),
    sold: count('sold'),
  };
}

/**
 * The number grid for the console: one character per number from `minNumber` (`a` available,
 * `h` held, `s` sold), a few kilobytes even for 10,000 tickets.
 */
export async function ticketGrid(ctx: Ctx, raffleId: string): Promise<GridJson> {
  const raffle = await raffleRow(ctx, raffleId);
  const { rows } = await sql<{ number: number; s: TicketStatus }>`
    select number, ${effective(ctx.clock.now())} as s from raffle_ticket
    where org_id = ${ctx.orgId} and raffle_id = ${raffleId} and status <> 'available' order by number`.execute(
    ctx.db,
  );
  const cells = new Array<string>(raffle.max_number - raffle.min_number + 1).fill('a');
  for (const r of rows) cells[r.number - raffle.min_number] = r.s[0]!;
  return { raffleId, minNumber: raffle.min_number, maxNumber: raffle.max_number, statuses: cells.join('') };
}

/** The tickets of a raffle, of one effective status when given (a hold past its end is available). */
function ticketsOf(ctx: Ctx, raffleId: string, status: TicketStatus | undefined, now: Date) {
  const query = ctx.db
    .withTables<RaffleTables>()
    .selectFrom('raffle_ticket')
    .where('raffle_id', '=', raffleId);
  if (status === 'available')
    return query.where((eb) =>
      eb.or([
        eb('status', '=', 'available'),
        eb.and([eb('status', '=', 'held'), eb('held_until', '<=', now)]),
      ]),
    );
  if (status === 'held') return query.where('status', '=', 'held').where('held_until', '>', now);
  return status ? query.where('status', '=', status) : query;
}

/** How many tickets `listTickets` lists for a status, on every page. */
export async function countTickets(ctx: Ctx, raffleId: string, status?: TicketStatus): Promise<number> {
  const row = await ticketsOf(ctx, raffleId, status, ctx.clock.now())
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Tickets of a raffle in number order, optionally of one effective status. */
export async function listTickets(
  ctx: Ctx,
  raffleId: string,
  q: { status?: TicketStatus; limit?: number; offset?: number },
): Promise<TicketJson[]> {
  await raffleRow(ctx, raffleId);
  const now = ctx.clock.now();
  const rows = await ticketsOf(ctx, raffleId, q.status, now)
    .select(['number', 'status', 'order_id', 'held_until'])
    .orderBy('number')
    .limit(q.limit ?? 500)
    .offset(q.offset ?? 0)
    .execute();
  return rows.map((r) => {
    const expired = r.status === 'held' && r.held_until !== null && r.held_until <= now;
    return {
      number: r.number,
      status: expired ? ('available' as const) : r.status,
      orderId: expired ? null : r.order_id,
      heldUntil: expired ? null : (r.held_until?.toISOString() ?? null),
    };
  });
}
