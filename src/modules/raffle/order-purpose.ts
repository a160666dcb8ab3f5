import { sql } from 'kysely';
import type { Ctx } from '../../core/context/index.ts';
import { PAYER_SEARCH_LIMIT, type PaymentPurposeLabel, payerWordPattern } from '../../core/payments/index.ts';
import { isUuid } from '../../platform/ids/index.ts';
import { buyerName } from './buyer-name.ts';
import type { RaffleTables } from './raffle.tables.ts';

/**
 * What a raffle order's payment pays for, in words staff read in the review queue: "Raffle Rifa
 * Navidad — numbers 5, 12" (`raffle.purpose.order` in the console catalogs).
 */
export async function orderPurposeLabels(
  ctx: Ctx,
  orderIds: ReadonlyArray<string>,
): Promise<ReadonlyMap<string, PaymentPurposeLabel>> {
  const uuids = orderIds.filter(isUuid);
  if (!uuids.length) return new Map();
  const rows = await ctx.db
    .withTables<RaffleTables>()
    .selectFrom('raffle_order')
    .innerJoin('raffle_raffle', 'raffle_raffle.id', 'raffle_order.raffle_id')
    .innerJoin('raffle_buyer', 'raffle_buyer.id', 'raffle_order.buyer_id')
    .select([
      'raffle_order.id',
      'raffle_order.numbers',
      'raffle_raffle.title',
      'raffle_buyer.display_name',
      'raffle_buyer.wa_id',
    ])
    .where('raffle_order.id', 'in', uuids)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        key: 'raffle.purpose.order',
        params: { title: r.title, numbers: [...r.numbers].sort((a, b) => a - b).join(', ') },
        record: { resource: 'raffle.orders', id: r.id },
        payer: buyerName(r) ?? undefined,
        ...(r.wa_id ? { phone: `+${r.wa_id}` } : {}),
      },
    ]),
  );
}

/** The orders whose buyer's name or WhatsApp number holds a word typed in the payments list's search. */
export async function orderIdsOfPayer(ctx: Ctx, word: string): Promise<string[]> {
  const rows = await ctx.db
    .withTables<RaffleTables>()
    .selectFrom('raffle_order')
    .innerJoin('raffle_buyer', 'raffle_buyer.id', 'raffle_order.buyer_id')
    .select('raffle_order.id')
    .where('raffle_order.org_id', '=', ctx.orgId)
    .where(
      sql<boolean>`concat_ws(' ', raffle_buyer.display_name, raffle_buyer.wa_id) ilike ${payerWordPattern(word)}`,
    )
    .limit(PAYER_SEARCH_LIMIT)
    .execute();
  return rows.map((r) => r.id);
}
