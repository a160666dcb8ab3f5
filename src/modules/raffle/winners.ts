import type { Ctx } from '../../core/context/index.ts';
import { buyerName } from './buyer-name.ts';
import type { RaffleTables } from './raffle.tables.ts';
import { raffleRow } from './raffle-view.ts';

/** One prize of a drawn raffle and who won it, as staff see it on the raffle's page. */
export interface RaffleWinner {
  position: number;
  prize: string;
  number: number;
  orderId: string;
  buyer: string;
  phone: string | null;
}

/** A raffle's winners in prize order; empty until it is drawn. */
export async function raffleWinners(ctx: Ctx, raffleId: string): Promise<RaffleWinner[]> {
  await raffleRow(ctx, raffleId);
  const rows = await ctx.db
    .withTables<RaffleTables>()
    .selectFrom('raffle_prize')
    .innerJoin('raffle_order', 'raffle_order.id', 'raffle_prize.winning_order_id')
    .innerJoin('raffle_buyer', 'raffle_buyer.id', 'raffle_order.buyer_id')
    .select([
      'raffle_prize.position',
      'raffle_prize.title',
      'raffle_prize.winning_number',
      'raffle_order.id as order_id',
      'raffle_buyer.display_name',
      'raffle_buyer.wa_id',
    ])
    .where('raffle_prize.raffle_id', '=', raffleId)
    .orderBy('raffle_prize.position')
    .execute();
  return rows.map((r) => ({
    position: r.position,
    prize: r.title,
    number: r.winning_number!,
    orderId: r.order_id,
    buyer: buyerName(r) ?? '—',
    phone: r.wa_id,
  }));
}
