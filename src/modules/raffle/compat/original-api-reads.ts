import type { Ctx } from '../../../core/context/index.ts';
import { money, toDecimalString } from '../../../core/money/index.ts';
import { availability } from '../availability.ts';
import type { OrderView } from '../order-view.ts';
import type { RaffleTables } from '../raffle.tables.ts';
import type { RaffleView } from '../raffle-view.ts';
import { ORIGINAL_ORDER_STATUS } from './original-api.contract.ts';

const db = (ctx: Ctx) => ctx.db.withTables<RaffleTables>();
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A raffle as the original serialized it, with its ticket counts. */
export async function originalRaffleOf(ctx: Ctx, r: RaffleView) {
  const counts = await availability(ctx, r.id);
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    ticket_price: toDecimalString(money(r.priceMinor, r.currency)),
    currency: r.currency,
    is_active: r.status === 'selling',
    min_number: r.minNumber,
    max_number: r.maxNumber,
    draw_date: iso(r.drawnAt ?? r.closesAt),
    winner_number: r.prizes[0]?.winningNumber ?? null,
    total_tickets: r.maxNumber - r.minNumber + 1,
    available_count: counts.available,
    sold_count: counts.sold,
    reserved_count: counts.held,
  };
}

/** Orders as the original serialized them: raffle title, buyer's WhatsApp id and name, numbers. */
export async function originalOrdersOf(ctx: Ctx, orders: OrderView[]) {
  const raffleIds = [...new Set(orders.map((o) => o.raffleId))];
  const buyerIds = [...new Set(orders.map((o) => o.buyerId))];
  const [raffles, buyers] = await Promise.all([
    raffleIds.length
      ? db(ctx).selectFrom('raffle_raffle').select(['id', 'title']).where('id', 'in', raffleIds).execute()
      : [],
    buyerIds.length
      ? db(ctx)
          .selectFrom('raffle_buyer')
          .select(['id', 'wa_id', 'display_name'])
          .where('id', 'in', buyerIds)
          .execute()
      : [],
  ]);
  return orders.map((o) => {
    const buyer = buyers.find((b) => b.id === o.buyerId);
    return {
      id: o.id,
      raffle: o.raffleId,
      raffle_title: raffles.find((r) => r.id === o.raffleId)?.title ?? '',
      contact: o.buyerId,
      contact_wa_id: buyer?.wa_id ?? null,
      contact_name: buyer?.display_name ?? null,
      qty: o.quantity,
      total_amount: toDecimalString(money(o.amountMinor, o.currency)),
      status: ORIGINAL_ORDER_STATUS[o.status],
      payment_proof_media_id: o.paymentId,
      created_at: o.createdAt.toISOString(),
      paid_at: iso(o.paidAt),
      expires_at: iso(o.expiresAt),
      ticket_numbers: [...o.numbers].sort((a, b) => a - b),
    };
  });
}
