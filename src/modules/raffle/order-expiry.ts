import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { orders, toOrderView } from './order-view.ts';
import { notifyOrderBuyer } from './raffle.notifications.ts';
import { expireHoldJob } from './raffle.queue.ts';
import type { RaffleTables } from './raffle.tables.ts';
import { releaseTicketsOf } from './tickets.ts';

/**
 * Expires one order if its hold has run out: one guarded UPDATE (`status = 'pending_payment' and
 * expires_at <= now`), so a confirm or cancel that got there first wins and this does nothing.
 * Then frees the tickets it still holds (ascending locks). Returns true when it expired the order.
 */
export async function expireOrderInTransaction(
  tx: Ctx,
  rt: { jobs?: JobQueue },
  orderId: string,
): Promise<boolean> {
  const now = tx.clock.now();
  const row = await tx.db
    .withTables<RaffleTables>()
    .updateTable('raffle_order')
    .set({ status: 'expired', expired_at: now, updated_at: now })
    .where('id', '=', orderId)
    .where('status', '=', 'pending_payment')
    .where('expires_at', '<=', now)
    .returningAll()
    .executeTakeFirst();
  if (!row) return false;
  const released = await releaseTicketsOf(tx, row.raffle_id, row.id);
  await recordAudit(tx, {
    action: 'raffle.order.expired',
    subject: { type: 'raffle_order', id: row.id },
    before: { status: 'pending_payment' },
    after: { ...toOrderView(row, now), released },
  });
  if (rt.jobs) await notifyOrderBuyer(tx, rt.jobs, row, 'raffle.hold_expired');
  return true;
}

/** The expiry job's entry point: its own transaction; safe to run twice or late. */
export async function expireOrder(ctx: Ctx, rt: { jobs: JobQueue }, orderId: string): Promise<boolean> {
  return inTransaction(ctx, (tx) => expireOrderInTransaction(tx, rt, orderId));
}

/**
 * The hold-expiry job's use case: expires the order, or, when the job started a moment before the
 * hold ran out (clocks differ), comes back just after it does.
 */
export async function expireHold(ctx: Ctx, rt: { jobs: JobQueue }, orderId: string): Promise<void> {
  if (await expireOrder(ctx, rt, orderId)) return;
  const order = await orders(ctx)
    .select(['status', 'expires_at'])
    .where('id', '=', orderId)
    .executeTakeFirst();
  if (order?.status === 'pending_payment')
    await rt.jobs.send(
      expireHoldJob,
      { orgId: ctx.orgId, orderId },
      { startAfter: new Date(order.expires_at.getTime() + 1_000) },
    );
}

/** Pending orders of the organization whose hold has run out (the sweeper's work list). */
export async function runOutOrders(ctx: Ctx, limit = 500): Promise<string[]> {
  const rows = await ctx.db
    .withTables<RaffleTables>()
    .selectFrom('raffle_order')
    .select('id')
    .where('status', '=', 'pending_payment')
    .where('expires_at', '<=', ctx.clock.now())
    .orderBy('expires_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
