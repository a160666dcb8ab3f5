import { type ExpressionBuilder, sql } from 'kysely';
import type { Ctx } from '../../core/context/index.ts';
import { RaffleErrors } from './raffle.errors.ts';
import { effectiveOrderStatus } from './raffle.rules.ts';
import type { OrderRow, OrderStatus, RaffleTables } from './raffle.tables.ts';

/** An order as the API, the console and the bot see it. */
export interface OrderView {
  id: string;
  raffleId: string;
  buyerId: string;
  /** Pending orders past their hold read as `expired`, whether or not the sweeper has run. */
  status: OrderStatus;
  numbers: number[];
  quantity: number;
  amountMinor: number;
  currency: string;
  expiresAt: Date;
  /** The payment that paid it, else its latest one (a proof waiting for review, or denied). */
  paymentId: string | null;
  refundDue: boolean;
  /** What its refunds that went ahead give back; a paid order's money is `amountMinor` less this. */
  refundedMinor: number;
  paidAt: Date | null;
  cancelledAt: Date | null;
  expiredAt: Date | null;
  createdAt: Date;
}

/** An order row as read for a view: with its latest payment, when the query asked for it. */
type ViewedRow = OrderRow & { latest_payment_id?: string | null };

export function toOrderView(row: ViewedRow, now: Date): OrderView {
  return {
    id: row.id,
    raffleId: row.raffle_id,
    buyerId: row.buyer_id,
    status: effectiveOrderStatus({ status: row.status, expiresAt: row.expires_at }, now),
    numbers: [...row.numbers].sort((a, b) => a - b),
    quantity: row.quantity,
    amountMinor: Number(row.amount_minor),
    currency: row.currency.trim(),
    expiresAt: row.expires_at,
    paymentId: row.payment_id ?? row.latest_payment_id ?? null,
    refundDue: row.refund_due,
    refundedMinor: Number(row.refunded_minor),
    paidAt: row.paid_at,
    cancelledAt: row.cancelled_at,
    expiredAt: row.expired_at,
    createdAt: row.created_at,
  };
}

export const orders = (ctx: Ctx) => ctx.db.withTables<RaffleTables>().selectFrom('raffle_order');

/**
 * Writes what went back of an order (its refund contract's `started` and `failed`), and `status` when the
 * refunds cancel it or a failed one reopens it. Answers the order as written.
 */
export function writeOrderRefunded(
  tx: Ctx,
  orderId: string,
  refundedMinor: number,
  status?: 'paid' | 'cancelled',
): Promise<OrderRow> {
  const now = tx.clock.now();
  return tx.db
    .withTables<RaffleTables>()
    .updateTable('raffle_order')
    .set({
      refunded_minor: refundedMinor,
      updated_at: now,
      ...(status ? { status, cancelled_at: status === 'cancelled' ? now : null } : {}),
    })
    .where('id', '=', orderId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Orders with the id of their latest payment: `payment_id` is set only once an order is paid, but
 * staff need the proof a buyer sent while it waits (the console links it). Raw SQL is not
 * org-scoped by the data layer, so the organization is matched here.
 */
const viewedOrders = (ctx: Ctx) =>
  orders(ctx)
    .selectAll()
    .select(
      sql<string | null>`(select p.id from v_payments_payment p
        where p.org_id = raffle_order.org_id and p.purpose_type = 'raffle.order'
          and p.purpose_id = raffle_order.id::text
        order by p.created_at desc, p.id desc limit 1)`.as('latest_payment_id'),
    );

/** One order of the caller's organization. */
export async function getOrder(ctx: Ctx, orderId: string): Promise<OrderView> {
  const row = await viewedOrders(ctx).where('id', '=', orderId).executeTakeFirst();
  if (!row) throw RaffleErrors.order_not_found({ orderId });
  return toOrderView(row, ctx.clock.now());
}

export interface OrderQuery {
  raffleId?: string;
  buyerId?: string;
  status?: OrderStatus;
  limit?: number;
  offset?: number;
}

/** The orders a query names, by their effective status (a hold past its end is expired). */
const matching =
  (q: Pick<OrderQuery, 'raffleId' | 'buyerId' | 'status'>, now: Date) =>
  (eb: ExpressionBuilder<RaffleTables, 'raffle_order'>) =>
    eb.and([
      ...(q.raffleId ? [eb('raffle_id', '=', q.raffleId)] : []),
      ...(q.buyerId ? [eb('buyer_id', '=', q.buyerId)] : []),
      ...(q.status === 'pending_payment'
        ? [eb('status', '=', 'pending_payment'), eb('expires_at', '>', now)]
        : q.status === 'expired'
          ? [
              eb.or([
                eb('status', '=', 'expired'),
                eb.and([eb('status', '=', 'pending_payment'), eb('expires_at', '<=', now)]),
              ]),
            ]
          : q.status
            ? [eb('status', '=', q.status)]
            : []),
    ]);

/** How many orders a query matches, counted as `listOrders` reads them. */
export async function countOrders(
  ctx: Ctx,
  q: Pick<OrderQuery, 'raffleId' | 'buyerId' | 'status'>,
): Promise<number> {
  const row = await orders(ctx)
    .where(matching(q, ctx.clock.now()))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Orders newest first; `status` reads the effective status (expired holds are expired). */
export async function listOrders(ctx: Ctx, q: OrderQuery = {}): Promise<OrderView[]> {
  const now = ctx.clock.now();
  const rows = await viewedOrders(ctx)
    .where(matching(q, now))
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(q.limit ?? 100)
    .offset(q.offset ?? 0)
    .execute();
  return rows.map((r) => toOrderView(r, now));
}

/** The buyer's live order in a raffle (waiting for payment, hold not run out), if any. */
export async function liveOrderOf(ctx: Ctx, buyerId: string, raffleId?: string): Promise<OrderView | null> {
  const now = ctx.clock.now();
  let query = viewedOrders(ctx)
    .where('buyer_id', '=', buyerId)
    .where('status', '=', 'pending_payment')
    .where('expires_at', '>', now);
  if (raffleId) query = query.where('raffle_id', '=', raffleId);
  const row = await query.orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  return row ? toOrderView(row, now) : null;
}
