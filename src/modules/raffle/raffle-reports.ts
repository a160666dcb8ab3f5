import { sql } from 'kysely';
import type { Ctx } from '../../core/context/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import { availability } from './availability.ts';
import { buyerNameSql } from './buyer-name.ts';
import { getRaffle } from './raffle-view.ts';

/**
 * Paid sales of one raffle per day (in the organization's time zone), with ticket counts by status. The
 * money nets refunds (issue 62): an order refunded whole is cancelled, one refunded in part counts what
 * it kept (`refunded_minor`, on the day it was paid).
 */
export async function salesReport(ctx: Ctx, raffleId: string) {
  const raffle = await getRaffle(ctx, raffleId);
  const { timeZone } = await getOrganization(ctx);
  const { rows } = await sql<{ day: string; orders: string; tickets: string; amount_minor: string }>`
    select to_char(paid_at at time zone ${timeZone}, 'YYYY-MM-DD') as day,
           count(*) as orders, sum(quantity) as tickets, sum(amount_minor - refunded_minor) as amount_minor
    from raffle_order
    where org_id = ${ctx.orgId} and raffle_id = ${raffleId} and status = 'paid'
    group by 1 order by 1`.execute(ctx.db);
  const buyers = await sql<{ n: string }>`
    select count(distinct buyer_id) as n from raffle_order
    where org_id = ${ctx.orgId} and raffle_id = ${raffleId} and status = 'paid'`.execute(ctx.db);
  const days = rows.map((r) => ({
    day: r.day,
    orders: Number(r.orders),
    tickets: Number(r.tickets),
    amountMinor: Number(r.amount_minor),
  }));
  return {
    raffleId,
    currency: raffle.currency,
    timeZone,
    tickets: await availability(ctx, raffleId),
    buyers: Number(buyers.rows[0]?.n ?? 0),
    amountMinor: days.reduce((sum, d) => sum + d.amountMinor, 0),
    days,
  };
}

/** How soon a hold counts as "about to expire" on the seller's to-do list. */
export const EXPIRING_SOON_MS = 30 * 60_000;

/**
 * The seller's to-do list across raffles: proofs waiting for review, holds that run out soon
 * without a proof, and the money that came in today (organization's day), net of refunds.
 */
export async function raffleToday(ctx: Ctx) {
  const now = ctx.clock.now();
  const soon = new Date(now.getTime() + EXPIRING_SOON_MS);
  const { timeZone } = await getOrganization(ctx);
  const proofs = await sql<{ n: string }>`
    select count(*) as n from raffle_order o
    where o.org_id = ${ctx.orgId} and o.status = 'pending_payment' and o.expires_at > ${now}
      and exists (select 1 from v_payments_payment p where p.org_id = o.org_id and p.purpose_type = 'raffle.order'
                  and p.purpose_id = o.id::text and p.status = 'submitted')`.execute(ctx.db);
  const expiring = await sql<{
    id: string;
    title: string;
    buyer: string | null;
    numbers: number[];
    expires_at: Date;
  }>`
    select o.id, r.title, ${sql.raw(buyerNameSql('b'))} as buyer, o.numbers, o.expires_at
    from raffle_order o
    join raffle_raffle r on r.id = o.raffle_id and r.org_id = o.org_id
    join raffle_buyer b on b.id = o.buyer_id and b.org_id = o.org_id
    where o.org_id = ${ctx.orgId} and o.status = 'pending_payment' and o.expires_at > ${now} and o.expires_at <= ${soon}
      and not exists (select 1 from v_payments_payment p where p.org_id = o.org_id and p.purpose_type = 'raffle.order'
                      and p.purpose_id = o.id::text and p.status = 'submitted')
    order by o.expires_at limit 20`.execute(ctx.db);
  const money = await sql<{ currency: string; amount_minor: string; orders: string }>`
    select currency, sum(amount_minor - refunded_minor) as amount_minor, count(*) as orders from raffle_order
    where org_id = ${ctx.orgId} and status = 'paid'
      and (paid_at at time zone ${timeZone})::date = (${now}::timestamptz at time zone ${timeZone})::date
    group by currency order by currency`.execute(ctx.db);
  return {
    proofsWaiting: Number(proofs.rows[0]?.n ?? 0),
    holdsExpiring: expiring.rows.map((r) => ({
      orderId: r.id,
      raffle: r.title,
      buyer: r.buyer,
      numbers: [...r.numbers].sort((a, b) => a - b),
      expiresAt: new Date(r.expires_at).toISOString(),
    })),
    moneyToday: money.rows.map((r) => ({
      currency: r.currency.trim(),
      amountMinor: Number(r.amount_minor),
      orders: Number(r.orders),
    })),
  };
}
