import { randomInt } from 'node:crypto';
import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { sql } from '../../platform/db/index.ts';
import { buyerForWhatsApp } from './buyers.ts';
import { expireOrderInTransaction } from './order-expiry.ts';
import { type OrderView, orders, toOrderView } from './order-view.ts';
import { RaffleErrors } from './raffle.errors.ts';
import {
  checkBuyerCap,
  checkQuantity,
  checkSpecificPick,
  isSelling,
  reminderAt,
  takenNumbers,
} from './raffle.rules.ts';
import type { RaffleRow, RaffleTables } from './raffle.tables.ts';
import { sampleFreeNumbers } from './random-pick.rules.ts';
import { freeTicketLookup, holdTickets, lockTickets } from './tickets.ts';

export type Pick = { numbers: number[] } | { random: number };

export interface ReserveInput {
  raffleId: string;
  buyerId: string;
  pick: Pick;
  /** The WhatsApp message or Idempotency-Key behind this request: a repeat returns the same order. */
  sourceKey?: string | null;
}

const RANDOM_ATTEMPTS = 6;

/**
 * Holds tickets for a buyer as one order in `pending_payment` (all or nothing).
 *
 * Lock order, the same in every use case: the buyer row (serializes one buyer's requests, so the
 * per-buyer cap and "one live order" hold under concurrency), then the raffle row shared (a close
 * waits for reservations in flight), then the buyer's own run-out orders, then tickets ascending.
 */
export async function reserveTickets(
  ctx: Ctx,
  input: ReserveInput,
): Promise<{ order: OrderView; replayed: boolean; raffleTitle?: string }> {
  return inTransaction(ctx, async (tx) => {
    const db = tx.db.withTables<RaffleTables>();
    const now = tx.clock.now();
    const buyer = await db
      .selectFrom('raffle_buyer')
      .select('id')
      .where('id', '=', input.buyerId)
      .forUpdate()
      .executeTakeFirst();
    if (!buyer) throw RaffleErrors.numbers_invalid({ reason: 'unknown_buyer' });
    if (input.sourceKey) {
      const prior = await orders(tx).selectAll().where('source_key', '=', input.sourceKey).executeTakeFirst();
      if (prior) return { order: toOrderView(prior, now), replayed: true };
    }
    const raffle = await db
      .selectFrom('raffle_raffle')
      .selectAll()
      .where('id', '=', input.raffleId)
      .forShare()
      .executeTakeFirst();
    assertSelling(raffle, input.raffleId, now);

    const own = await ordersOfBuyer(tx, input);
    for (const id of own.runOut) await expireOrderInTransaction(tx, {}, id);
    if (own.live) throw RaffleErrors.live_order_exists({ orderId: own.live });

    const wanted = 'numbers' in input.pick ? input.pick.numbers.length : input.pick.random;
    const cap = checkBuyerCap(own.tickets, wanted, raffle.max_per_buyer);
    if (!cap.ok) throw RaffleErrors[cap.code]({ held: cap.held, max: cap.max });

    const numbers =
      'numbers' in input.pick
        ? await takeSpecific(tx, raffle, input.pick.numbers)
        : await takeRandom(tx, raffle, input.pick.random);
    const expiresAt = new Date(now.getTime() + raffle.hold_seconds * 1000);
    const order = await db
      .insertInto('raffle_order')
      .values({
        raffle_id: raffle.id,
        buyer_id: input.buyerId,
        status: 'pending_payment',
        numbers,
        quantity: numbers.length,
        amount_minor: BigInt(raffle.price_minor) * BigInt(numbers.length),
        currency: raffle.currency.trim(),
        expires_at: expiresAt,
        remind_at: reminderAt(now, expiresAt),
        source_key: input.sourceKey ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const held = await holdTickets(tx, { raffleId: raffle.id, numbers, orderId: order.id, until: expiresAt });
    if (held !== numbers.length) throw new Error(`held ${held} of ${numbers.length} locked tickets`);
    const view = toOrderView(order, now);
    await recordAudit(tx, {
      action: 'raffle.order.reserved',
      subject: { type: 'raffle_order', id: order.id },
      after: view,
    });
    // The raffle's title as read under its lock: the chat's summary names it without reading it again.
    return { order: view, replayed: false, raffleTitle: raffle.title };
  });
}

/**
 * Staff taking an order by phone: holds tickets for the caller's WhatsApp number, creating their
 * contact and buyer in the same transaction, so a refused request (no such raffle, not selling,
 * numbers taken) leaves no contact behind.
 */
export async function reserveTicketsForCaller(
  ctx: Ctx,
  input: Omit<ReserveInput, 'buyerId'> & { waId: string; displayName?: string | null },
): Promise<{ order: OrderView; replayed: boolean }> {
  return inTransaction(ctx, async (tx) => {
    // Refused before anything is written; reserveTickets checks again under its locks, and a raffle
    // closing in between rolls the new contact back with the rest. No lock here: the buyer row comes
    // first in the lock order.
    const raffle = await tx.db
      .withTables<RaffleTables>()
      .selectFrom('raffle_raffle')
      .select(['id', 'status', 'opens_at', 'closes_at'])
      .where('id', '=', input.raffleId)
      .executeTakeFirst();
    assertSelling(raffle, input.raffleId, tx.clock.now());
    const buyerId = await buyerForWhatsApp(tx, { waId: input.waId, displayName: input.displayName ?? null });
    return reserveTickets(tx, {
      raffleId: input.raffleId,
      buyerId,
      pick: input.pick,
      sourceKey: input.sourceKey ?? null,
    });
  });
}

type SellingFacts = {
  id: string;
  status: RaffleRow['status'];
  opens_at: RaffleRow['opens_at'];
  closes_at: RaffleRow['closes_at'];
};

function assertSelling<R extends SellingFacts>(
  raffle: R | undefined,
  raffleId: string,
  now: Date,
): asserts raffle is R {
  if (!raffle) throw RaffleErrors.raffle_not_found({ raffleId });
  if (!isSelling({ status: raffle.status, opensAt: raffle.opens_at, closesAt: raffle.closes_at }, now))
    throw RaffleErrors.raffle_not_selling({ raffleId: raffle.id, status: raffle.status });
}

/**
 * The buyer's own orders in this raffle, in one statement under the buyer's lock (issue 43: it was
 * three): the pending ones whose hold ran out (expired next, before anything else), the live one (a
 * pending order still held), and how many tickets the buyer holds or bought (the per-buyer cap).
 */
async function ordersOfBuyer(
  tx: Ctx,
  input: ReserveInput,
): Promise<{ runOut: string[]; live: string | null; tickets: number }> {
  const now = tx.clock.now();
  const row = await orders(tx)
    .select([
      sql<string[] | null>`array_agg(id order by id) filter (
        where status = 'pending_payment' and expires_at <= ${now})`.as('run_out'),
      sql<string | null>`(array_agg(id order by id) filter (
        where status = 'pending_payment' and expires_at > ${now}))[1]`.as('live'),
      sql<string>`coalesce(sum(quantity) filter (
        where status = 'paid' or (status = 'pending_payment' and expires_at > ${now})), 0)`.as('tickets'),
    ])
    .where('raffle_id', '=', input.raffleId)
    .where('buyer_id', '=', input.buyerId)
    .executeTakeFirstOrThrow();
  return { runOut: row.run_out ?? [], live: row.live, tickets: Number(row.tickets) };
}

const limitsOf = (r: RaffleRow) => ({
  minNumber: r.min_number,
  maxNumber: r.max_number,
  maxPerOrder: r.max_per_order,
});

async function takeSpecific(tx: Ctx, raffle: RaffleRow, wanted: number[]): Promise<number[]> {
  const verdict = checkSpecificPick(wanted, limitsOf(raffle));
  if (!verdict.ok) throw RaffleErrors[verdict.code]({ ...verdict, ok: undefined });
  const rows = await lockTickets(tx, raffle.id, verdict.numbers);
  const taken = takenNumbers(verdict.numbers, rows, tx.clock.now());
  if (taken.length) throw RaffleErrors.tickets_unavailable({ numbers: taken });
  return verdict.numbers;
}

/**
 * A uniform random pick (see random-pick.rules.ts), then taken like a specific one. If a concurrent
 * buyer took a sampled number in between, the locks are given back (savepoint) and the whole pick
 * is drawn again, so locks are still only ever taken in ascending order within an attempt.
 */
async function takeRandom(tx: Ctx, raffle: RaffleRow, quantity: number): Promise<number[]> {
  const q = checkQuantity(quantity, limitsOf(raffle));
  if (!q.ok) throw RaffleErrors[q.code]({ quantity: q.quantity, max: q.max });
  for (let attempt = 0; attempt < RANDOM_ATTEMPTS; attempt++) {
    const now = tx.clock.now();
    const sample = await sampleFreeNumbers({
      min: raffle.min_number,
      max: raffle.max_number,
      k: quantity,
      lookup: freeTicketLookup(tx, raffle.id, now),
      randomInt: (bound) => randomInt(bound),
    });
    if (!sample) throw RaffleErrors.not_enough_tickets({ requested: quantity });
    const numbers = sample.sort((a, b) => a - b);
    await sql`savepoint raffle_random_pick`.execute(tx.db);
    const rows = await lockTickets(tx, raffle.id, numbers);
    if (takenNumbers(numbers, rows, now).length === 0) {
      await sql`release savepoint raffle_random_pick`.execute(tx.db);
      return numbers;
    }
    await sql`rollback to savepoint raffle_random_pick`.execute(tx.db);
  }
  throw RaffleErrors.tickets_unavailable({ reason: 'busy', requested: quantity });
}
