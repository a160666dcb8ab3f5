import { z } from 'zod';
import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { sql } from '../../platform/db/index.ts';
import { COFFEE_TOPICS, type CoffeeRuntime } from './coffee.runtime.ts';
import type { CoffeeTables } from './coffee.tables.ts';

export const deviceOrderSchema = z.object({
  orderId: z.string().min(1).max(100),
  orderedAt: z.string().datetime({ offset: true }),
  items: z
    .array(
      z.object({
        name: z.string().min(1).max(100),
        qty: z.number().int().min(1).max(100),
        unitPriceMinor: z.number().int().min(0),
      }),
    )
    .min(1)
    .max(50),
  currency: z.string().regex(/^[A-Z]{3}$/),
  paymentMethod: z.enum(['card', 'wallet', 'cash', 'corp']).default('card'),
  /** `failed`: the machine took the money but did not vend; the order is refunded at once. */
  vend: z.enum(['vended', 'failed']).default('vended'),
});
export type DeviceOrder = z.infer<typeof deviceOrderSchema>;

/**
 * Stores a sale once per device order id (a retried upload answers the first row); a failed vend
 * is refunded in the same transaction, with the reason on the order and in the audit trail. A failed
 * vend is the machine's own reversal, not a refund of ours (issue 62): the money never stayed, so the
 * order is stored `refunded` and out of the takings at once, with no core payment, limit or approval.
 */
export async function recordDeviceOrder(ctx: Ctx, rt: CoffeeRuntime, deviceId: string, o: DeviceOrder) {
  return inTransaction(ctx, async (tx) => {
    const total = o.items.reduce((sum, i) => sum + i.qty * i.unitPriceMinor, 0);
    const failed = o.vend === 'failed';
    const { rows } = await sql<{ id: string }>`
      insert into coffee_order (org_id, device_id, device_order_id, items, total_minor, currency, payment_method,
        payment_status, vend_status, refund_reason, refunded_at, ordered_at)
      values (${tx.orgId}, ${deviceId}, ${o.orderId}, ${JSON.stringify(o.items)}, ${total}, ${o.currency}, ${o.paymentMethod},
        ${failed ? 'refunded' : 'paid'}, ${o.vend}, ${failed ? 'failed vend (automatic)' : null},
        ${failed ? tx.clock.now() : null}, ${new Date(o.orderedAt)})
      on conflict (device_id, device_order_id) do nothing
      returning id`.execute(tx.db);
    if (!rows[0]) {
      const existing = await tx.db
        .withTables<CoffeeTables>()
        .selectFrom('coffee_order')
        .select('id')
        .where('device_id', '=', deviceId)
        .where('device_order_id', '=', o.orderId)
        .executeTakeFirstOrThrow();
      return { id: existing.id, created: false };
    }
    const id = rows[0].id;
    await recordAudit(tx, {
      action: 'coffee.order.recorded',
      subject: { type: 'coffee_order', id },
      after: { deviceId, deviceOrderId: o.orderId, totalMinor: total, currency: o.currency, vend: o.vend },
    });
    if (failed)
      await recordAudit(tx, {
        action: 'coffee.order.refunded',
        subject: { type: 'coffee_order', id },
        meta: { reason: 'failed vend (automatic)', amountMinor: total, currency: o.currency },
      });
    await rt.publish(tx, COFFEE_TOPICS.orders, id);
    return { id, created: true };
  });
}
