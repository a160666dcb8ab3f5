import type { Ctx } from '../../core/context/index.ts';
import { sql } from '../../platform/db/index.ts';
import { RaffleErrors } from './raffle.errors.ts';
import type { RaffleRow, RaffleStatus, RaffleTables } from './raffle.tables.ts';

/** A raffle as the API and the bot see it; the seed appears only once the draw is done. */
export interface RaffleView {
  id: string;
  title: string;
  description: string;
  priceMinor: number;
  currency: string;
  minNumber: number;
  maxNumber: number;
  opensAt: Date | null;
  closesAt: Date | null;
  maxPerOrder: number;
  maxPerBuyer: number;
  holdMinutes: number;
  status: RaffleStatus;
  commitment: string;
  ledgerHash: string | null;
  drawnAt: Date | null;
  prizes: Array<{ position: number; title: string; winningNumber: number | null }>;
}

type PrizeRow = { position: number; title: string; winning_number: number | null };

export function toRaffleView(row: RaffleRow, prizes: PrizeRow[]): RaffleView {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    priceMinor: Number(row.price_minor),
    currency: row.currency.trim(),
    minNumber: row.min_number,
    maxNumber: row.max_number,
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    maxPerOrder: row.max_per_order,
    maxPerBuyer: row.max_per_buyer,
    holdMinutes: row.hold_seconds / 60,
    status: row.status,
    commitment: row.commitment,
    ledgerHash: row.ledger_hash,
    drawnAt: row.drawn_at,
    prizes: [...prizes]
      .sort((a, b) => a.position - b.position)
      .map((p) => ({ position: p.position, title: p.title, winningNumber: p.winning_number })),
  };
}

/** The raffle row itself (with its secret seed): for use cases only, never for a response. */
export async function raffleRow(ctx: Ctx, raffleId: string): Promise<RaffleRow> {
  const row = await ctx.db
    .withTables<RaffleTables>()
    .selectFrom('raffle_raffle')
    .selectAll()
    .where('id', '=', raffleId)
    .executeTakeFirst();
  if (!row) throw RaffleErrors.raffle_not_found({ raffleId });
  return row;
}

async function prizesOf(ctx: Ctx, raffleIds: string[]) {
  if (raffleIds.length === 0) return [];
  return ctx.db
    .withTables<RaffleTables>()
    .selectFrom('raffle_prize')
    .select(['raffle_id', 'position', 'title', 'winning_number'])
    .where('raffle_id', 'in', raffleIds)
    .execute();
}

/** The statement of `getRaffle`: a raffle with its prizes; callers may select more of the raffle's. */
export function raffleWithPrizes(ctx: Ctx, raffleId: string) {
  return ctx.db
    .withTables<RaffleTables>()
    .selectFrom('raffle_raffle')
    .selectAll()
    .select(
      sql<PrizeRow[]>`(select coalesce(json_agg(json_build_object('position', p.position, 'title', p.title,
        'winning_number', p.winning_number)), '[]') from raffle_prize p
        where p.org_id = raffle_raffle.org_id and p.raffle_id = raffle_raffle.id)`.as('prizes'),
    )
    .where('id', '=', raffleId);
}

/** A raffle with its prizes, in one statement (a chat step reads it: issue 43). */
export async function getRaffle(ctx: Ctx, raffleId: string): Promise<RaffleView> {
  const found = await raffleWithPrizes(ctx, raffleId).executeTakeFirst();
  if (!found) throw RaffleErrors.raffle_not_found({ raffleId });
  const { prizes, ...row } = found;
  return toRaffleView(row, prizes);
}

/** Raffles newest first; `status` narrows, `selling` lists those that sell now (the bot's list). */
export async function listRaffles(
  ctx: Ctx,
  q: { status?: RaffleStatus; limit?: number } = {},
): Promise<RaffleView[]> {
  let query = ctx.db.withTables<RaffleTables>().selectFrom('raffle_raffle').selectAll();
  if (q.status) query = query.where('status', '=', q.status);
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(q.limit ?? 100)
    .execute();
  const prizes = await prizesOf(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.map((r) =>
    toRaffleView(
      r,
      prizes.filter((p) => p.raffle_id === r.id),
    ),
  );
}
