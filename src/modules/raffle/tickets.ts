import type { Ctx } from '../../core/context/index.ts';
import { sql } from '../../platform/db/index.ts';
import type { TicketFacts } from './raffle.rules.ts';
import type { TicketStatus } from './raffle.tables.ts';
import type { FreeTicketLookup } from './random-pick.rules.ts';

type TicketRow = { number: number; status: TicketStatus; order_id: string | null; held_until: Date | null };
const facts = (rows: TicketRow[]): TicketFacts[] =>
  rows.map((r) => ({ number: r.number, status: r.status, orderId: r.order_id, heldUntil: r.held_until }));

/**
 * Locks tickets in ascending number order (`order by` sorts below the lock, so rows are locked in
 * that order). Every transaction that locks tickets goes through here: two of them can only wait
 * for each other in one direction, never deadlock. Raw SQL: filters `org_id` itself.
 */
export async function lockTickets(tx: Ctx, raffleId: string, numbers: number[]): Promise<TicketFacts[]> {
  const { rows } = await sql<TicketRow>`
    select number, status, order_id, held_until from raffle_ticket
    where org_id = ${tx.orgId} and raffle_id = ${raffleId} and number = any(${numbers}::int[])
    order by number for update`.execute(tx.db);
  return facts(rows);
}

/** Locks the tickets pointing at an order, ascending (see `lockTickets`). */
export async function lockTicketsOfOrder(tx: Ctx, raffleId: string, orderId: string): Promise<TicketFacts[]> {
  const { rows } = await sql<TicketRow>`
    select number, status, order_id, held_until from raffle_ticket
    where org_id = ${tx.orgId} and raffle_id = ${raffleId} and order_id = ${orderId}
    order by number for update`.execute(tx.db);
  return facts(rows);
}

/** Holds locked tickets for an order until `until`. */
export async function holdTickets(
  tx: Ctx,
  args: { raffleId: string; numbers: number[]; orderId: string; until: Date },
): Promise<number> {
  const r = await sql`
    update raffle_ticket set status = 'held', order_id = ${args.orderId}, held_until = ${args.until}
    where org_id = ${tx.orgId} and raffle_id = ${args.raffleId} and number = any(${args.numbers}::int[])
      and status <> 'sold'`.execute(tx.db);
  return Number(r.numAffectedRows ?? 0n);
}

/** Frees what an order still holds (tickets another order took meanwhile stay theirs). */
export async function releaseTicketsOf(tx: Ctx, raffleId: string, orderId: string): Promise<number[]> {
  await lockTicketsOfOrder(tx, raffleId, orderId);
  const { rows } = await sql<{ number: number }>`
    update raffle_ticket set status = 'available', order_id = null, held_until = null
    where org_id = ${tx.orgId} and raffle_id = ${raffleId} and order_id = ${orderId} and status = 'held'
    returning number`.execute(tx.db);
  return rows.map((r) => r.number).sort((a, b) => a - b);
}

/** Marks an order's held tickets sold; returns how many. */
export async function sellTicketsOf(tx: Ctx, raffleId: string, orderId: string): Promise<number> {
  const r = await sql`
    update raffle_ticket set status = 'sold', held_until = null
    where org_id = ${tx.orgId} and raffle_id = ${raffleId} and order_id = ${orderId} and status = 'held'`.execute(
    tx.db,
  );
  return Number(r.numAffectedRows ?? 0n);
}

/** Free-ticket queries for the random pick (`random-pick.rules.ts`); nothing is locked. */
export function freeTicketLookup(ctx: Ctx, raffleId: string, now: Date): FreeTicketLookup {
  const free = sql`(status = 'available' or (status = 'held' and held_until <= ${now}))`;
  const scope = sql`org_id = ${ctx.orgId} and raffle_id = ${raffleId} and status <> 'sold'`;
  return {
    async freeAmong(numbers) {
      const { rows } = await sql<{ number: number }>`
        select number from raffle_ticket where ${scope} and number = any(${numbers}::int[]) and ${free}`.execute(
        ctx.db,
      );
      return rows.map((r) => r.number);
    },
    async countFree() {
      const { rows } = await sql<{ n: string }>`
        select count(*) as n from raffle_ticket where ${scope} and ${free}`.execute(ctx.db);
      return Number(rows[0]?.n ?? 0);
    },
    async freeAtRanks(ranks) {
      const { rows } = await sql<{ number: number }>`
        select number from (
          select number, row_number() over (order by number) - 1 as rank
          from raffle_ticket where ${scope} and ${free}
        ) t where rank = any(${ranks}::bigint[])`.execute(ctx.db);
      return rows.map((r) => r.number);
    },
  };
}
