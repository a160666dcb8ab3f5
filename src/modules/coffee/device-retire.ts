import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { closeAlarm } from './alarms.ts';
import { settleBatch } from './batches.ts';
import { CoffeeErrors } from './coffee.errors.ts';
import { COFFEE_TOPICS, type CoffeeRuntime } from './coffee.runtime.ts';
import type { CoffeeTables } from './coffee.tables.ts';
import { finishedBecause } from './command-reasons.ts';

const coffee = (ctx: Ctx) => ctx.db.withTables<CoffeeTables>();

/**
 * Takes a machine out of the fleet for good, under its row lock: its token stops working, the
 * commands it has not finished are cancelled (their batches counted again), its open alarms close,
 * and from now on batches, rollouts, offline alarms and the dashboard leave it out. Its history stays.
 */
export async function retireDevice(ctx: Ctx, rt: CoffeeRuntime, deviceId: string) {
  return inTransaction(ctx, async (tx) => {
    const device = await coffee(tx)
      .selectFrom('coffee_device')
      .select(['id', 'serial', 'status', 'retired_at'])
      .where('id', '=', deviceId)
      .forUpdate()
      .executeTakeFirst();
    if (!device) throw CoffeeErrors.device_not_found({ id: deviceId });
    if (device.retired_at) throw CoffeeErrors.device_retired({ id: deviceId });
    const now = tx.clock.now();
    await coffee(tx)
      .updateTable('coffee_device')
      .set({ retired_at: now, token_hash: null, revoked_at: now })
      .where('id', '=', deviceId)
      .execute();
    const cancelled = await coffee(tx)
      .updateTable('coffee_command')
      .set({ status: 'cancelled', finished_at: now, ...finishedBecause({ code: 'retired' }) })
      .where('device_id', '=', deviceId)
      .where('status', 'in', ['queued', 'sent'])
      .returning(['id', 'batch_id'])
      .execute();
    const alarms = await coffee(tx)
      .selectFrom('coffee_alarm')
      .select('id')
      .where('device_id', '=', deviceId)
      .where('status', '<>', 'closed')
      .execute();
    for (const a of alarms) await closeAlarm(tx, a.id, 'machine retired');
    await recordAudit(tx, {
      action: 'coffee.device.retired',
      subject: { type: 'coffee_device', id: deviceId },
      before: { serial: device.serial, status: device.status },
      meta: { cancelledCommands: cancelled.length, closedAlarms: alarms.length },
    });
    for (const batchId of new Set(cancelled.flatMap((c) => (c.batch_id ? [c.batch_id] : []))))
      await settleBatch(tx, rt, batchId);
    await rt.publish(tx, COFFEE_TOPICS.devices, deviceId);
    return { id: deviceId, cancelledCommands: cancelled.length, closedAlarms: alarms.length };
  });
}
