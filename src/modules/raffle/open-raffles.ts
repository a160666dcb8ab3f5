import type { Ctx } from '../../core/context/index.ts';
import { sql } from '../../platform/db/index.ts';
import type { RaffleTables } from './raffle.tables.ts';

/** A raffle as the bot's list shows it. */
export interface OpenRaffle {
  id: string;
  title: string;
  priceMinor: number;
  currency: string;
  minNumber: number;
  maxNumber: number;
  /** Numbers free now (a hold past its end is free), when asked for (`withFree`). */
  free?: number;
}

/**
 * How many of a raffle's numbers are free now, read with the raffle (issue 64: the bot's list counted
 * each raffle's tickets in a statement of its own): as `availability` counts them, all of its range
 * while its tickets are not generated.
 */
const freeNumbers = (now: Date) => sql<string>`(select case when count(*) = 0
    then raffle_raffle.max_number - raffle_raffle.min_number + 1
    else count(*) filter (where t.status = 'available' or (t.status = 'held' and t.held_until <= ${now})) end
  from raffle_ticket t where t.org_id = raffle_raffle.org_id and t.raffle_id = raffle_raffle.id)`;

/** `%`, `_` and `\` typed by a buyer match themselves. */
const likePattern = (text: string) => `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The raffles a buyer can buy from now, newest first: selling, opened and not closed on the caller's
 * clock, whose title contains `search` when given; one page of them, and how many there are in all
 * (issue 40, item 15: the bot offers every one, a page at a time).
 */
export async function openRaffles(
  ctx: Ctx,
  q: { offset: number; limit: number; search?: string; withFree?: boolean },
): Promise<{ raffles: OpenRaffle[]; total: number }> {
  const now = ctx.clock.now();
  let query = ctx.db
    .withTables<RaffleTables>()
    .selectFrom('raffle_raffle')
    .select(['id', 'title', 'price_minor', 'currency', 'min_number', 'max_number'])
    .select(sql<string>`count(*) over ()`.as('total'))
    .where('status', '=', 'selling')
    .where((eb) => eb.or([eb('opens_at', 'is', null), eb('opens_at', '<=', now)]))
    .where((eb) => eb.or([eb('closes_at', 'is', null), eb('closes_at', '>', now)]));
  if (q.search?.trim()) query = query.where('title', 'ilike', likePattern(q.search));
  const rows = await query
    .select(q.withFree ? freeNumbers(now).as('free') : sql<null>`null`.as('free'))
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .offset(q.offset)
    .limit(q.limit)
    .execute();
  const total = rows.length > 0 ? Number(rows[0]!.total) : q.offset > 0 ? await countOpen(ctx, q.search) : 0;
  return {
    raffles: rows.map((r) => ({
      id: r.id,
      title: r.title,
      priceMinor: Number(r.price_minor),
      currency: r.currency.trim(),
      minNumber: r.min_number,
      maxNumber: r.max_number,
      ...(r.free !== null ? { free: Number(r.free) } : {}),
    })),
    total,
  };
}

/** How many raffles are open (a page past the end has no row to carry the count). */
async function countOpen(ctx: Ctx, search?: string): Promise<number> {
  return (await openRaffles(ctx, { offset: 0, limit: 1, ...(search ? { search } : {}) })).total;
}
