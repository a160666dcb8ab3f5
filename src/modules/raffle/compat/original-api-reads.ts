import type { Ctx } from '../../../core/context/index.ts';
import { money, toDecimalString } from '../../../core/money/index.ts';
import { availability } from '../availability.ts';
import type { OrderView } from '../order-view.ts';
import type { RaffleTables } from '../raffle.tables.ts';
import type { RaffleView } from '../raffle-view.ts';
import { ORIGINAL_ORDER_STATUS } from './original-api.contract.ts';

const db = (ctx: Ctx) => ctx.db.withTables<RaffleTables>();
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** When each raffle was created and last changed (an imported one: as the original had it). */
async function stampsOf(ctx: Ctx, ids: string[]) {
  if (ids.length === 0) return new Map<string, { created_at: Date; updated_at: Date }>();
  const rows = await db(ctx)
    .selectFrom('raffle_raffle')
    .select(['id', 'created_at', 'updated_at'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Raffles as the original serialized them (`RaffleSerializer`), with their ticket counts. */
export async function originalRafflesOf(ctx: Ctx, raffles: RaffleView[]) {
  const stamps = await stampsOf(
    ctx,
    raffles.map((r) => r.id),
  );
  return Promise.all(
    raffles.map(async (r) => {
      const counts = await availability(ctx, r.id);
      const at = stamps.get(r.id);
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
        created_at: (at?.created_at ?? new Date(0)).toISOString(),
        updated_at: (at?.updated_at ?? new Date(0)).toISOString(),
      };
    }),
  );
}

export const originalRaffleOf = async (ctx: Ctx, r: RaffleView) => (await originalRafflesOf(ctx, [r]))[0]!;

/**
 * Orders as the original serialized them (`OrderSerializer`): raffle title, buyer's WhatsApp id and
 * name, its numbers (`tickets` as the order/ticket join listed them, and `ticket_numbers`).
 */
export async function originalOrdersOf(ctx: Ctx, orders: OrderView[]) {
  const raffleIds = [...new Set(orders.map((o) => o.raffleId))];
  const buyerIds = [...new Set(orders.map((o) => o.buyerId))];
  const orderIds = orders.map((o) => o.id);
  const [raffles, buyers, stamps] = await Promise.all([
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
    orderIds.length
      ? db(ctx).selectFrom('raffle_order').select(['id', 'updated_at']).where('id', 'in', orderIds).execute()
      : [],
  ]);
  return orders.map((o) => {
    const buyer = buyers.find((b) => b.id === o.buyerId);
    const numbers = [...o.numbers].sort((a, b) => a - b);
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
      updated_at: (stamps.find((s) => s.id === o.id)?.updated_at ?? o.createdAt).toISOString(),
      paid_at: iso(o.paidAt),
      expires_at: iso(o.expiresAt),
      tickets: numbers.map((n) => ({
        // a ticket is named by its raffle and number (the tickets path names it the same)
        id: `${o.raffleId}#${n}`,
        ticket_number: n,
        created_at: o.createdAt.toISOString(),
      })),
      ticket_numbers: numbers,
    };
  });
}
