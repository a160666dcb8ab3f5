import { sql } from 'kysely';
import type { Ctx } from '../../../core/context/index.ts';
import { ORIGINAL_WINNER_PRIZE } from './import-tables.ts';

/**
 * Names the order (and so the buyer) of each winner the original wrote down, once the number is
 * sold here: after the raffles (numbers sold before) and after each batch of orders (numbers sold
 * now). A winning number nobody bought stays a prize without a winner.
 */
export async function linkWinners(tx: Ctx, raffleIds: readonly string[]): Promise<void> {
  if (raffleIds.length === 0) return;
  await sql`
    update raffle_prize p
    set winning_order_id = t.order_id
    from raffle_prize x
    left join raffle_ticket t
      on t.org_id = x.org_id and t.raffle_id = x.raffle_id and t.number = x.winning_number and t.status = 'sold'
    where p.org_id = ${tx.orgId} and x.org_id = p.org_id and x.id = p.id
      and p.raffle_id = any(${sql.val([...new Set(raffleIds)])}::uuid[])
      and p.title = ${ORIGINAL_WINNER_PRIZE}
      and p.winning_order_id is distinct from t.order_id`.execute(tx.db);
}
