import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { toOrderView } from './order-view.ts';
import { notifyOrderBuyer } from './raffle.notifications.ts';
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

/** How many holds the sweep ends (or reminds) in one transaction. */
export const SWEEP_BATCH = 100;

/**
 * Ends every hold of the organization that has run out, a batch of SWEEP_BATCH orders per
 * transaction (the sweep's work each minute; availability already reads a run-out hold as free, so
 * the sweep only makes it official and tells the buyer). Returns how many it expired.
 */
export async function expireRunOutHolds(ctx: Ctx, rt: { jobs: JobQueue }): Promise<number> {
  let expired = 0;
  for (;;) {
    const ids = await runOutOrders(ctx, SWEEP_BATCH);
    if (ids.length === 0) return expired;
    await inTransaction(ctx, async (tx) => {
      for (const id of ids) if (await expireOrderInTransaction(tx, rt, id)) expired += 1;
    });
    if (ids.length < SWEEP_BATCH) return expired;
  }
}

/** Pending orders of the organization whose hold has run out (the sweeper's work list). */
async function runOutOrders(ctx: Ctx, limit: number): Promise<string[]> {
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
