import { z } from 'zod';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { notifyOnCall } from './alarm-notifications.ts';
import { closeAlarm, raiseAlarm } from './alarms.ts';
import { binLevel, dailyUseFrom, daysUntilEmpty } from './coffee.rules.ts';
import type { CoffeeRuntime } from './coffee.runtime.ts';
import type { CoffeeTables } from './coffee.tables.ts';

export const materialsReportSchema = z.object({
  bins: z
    .array(
      z.object({
        binIndex: z.number().int().min(0).max(63),
        materialCode: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
        remaining: z.number().int().min(0),
        capacity: z.number().int().min(1).optional(),
      }),
    )
    .min(1)
    .max(64),
});
export type MaterialsReport = z.infer<typeof materialsReportSchema>;

/** Days left below which a bin raises a "predicted empty" alarm. */
const PREDICTED_EMPTY_DAYS = 2;

/**
 * The device's bin levels: each bin is stored with its daily use (from the previous report), then
 * the device's low-material alarm is raised (warn, or critical when a bin is critical or empty),
 * raised to critical, or closed when every bin is back to normal; likewise "predicted empty".
 */
export async function reportMaterials(
  rt: CoffeeRuntime,
  ctx: Ctx,
  deviceId: string,
  report: MaterialsReport,
) {
  return inTransaction(ctx, async (tx) => {
    const db = tx.db.withTables<CoffeeTables>();
    const now = tx.clock.now();
    const previous = await db
      .selectFrom('coffee_bin')
      .selectAll()
      .where('device_id', '=', deviceId)
      .forUpdate()
      .execute();
    const levels = [];
    for (const b of report.bins) {
      const old = previous.find((p) => p.bin_index === b.binIndex);
      const capacity = b.capacity ?? old?.capacity ?? Math.max(b.remaining, 1);
      const daily = old
        ? dailyUseFrom(
            { remaining: old.remaining, at: old.updated_at },
            { remaining: b.remaining, at: now },
            old.daily_use,
          )
        : null;
      const values = {
        material_code: b.materialCode,
        remaining: b.remaining,
        capacity,
        daily_use: daily,
        updated_at: now,
      };
      if (old) await db.updateTable('coffee_bin').set(values).where('id', '=', old.id).execute();
      else
        await db
          .insertInto('coffee_bin')
          .values({ ...values, device_id: deviceId, bin_index: b.binIndex })
          .execute();
      const level = binLevel({
        remaining: b.remaining,
        capacity,
        lowPct: old?.low_pct ?? 20,
        criticalPct: old?.critical_pct ?? 5,
      });
      levels.push({ ...b, level, days: daysUntilEmpty(b.remaining, daily) });
    }
    const low = levels.filter((l) => l.level !== 'normal');
    const critical = low.some((l) => l.level !== 'low');
    await setAlarm(
      rt,
      tx,
      deviceId,
      'low_material',
      low.length > 0,
      critical ? 'critical' : 'warn',
      low.map((l) => l.materialCode).join(', '),
      () => `Low material: ${low.map((l) => `${l.materialCode} (${l.level})`).join(', ')}`,
    );
    const soon = levels.filter((l) => l.days !== null && l.days < PREDICTED_EMPTY_DAYS);
    await setAlarm(
      rt,
      tx,
      deviceId,
      'predicted_empty',
      soon.length > 0,
      'warn',
      soon.map((l) => l.materialCode).join(', '),
      () => `Empty soon: ${soon.map((l) => `${l.materialCode} in ${l.days} days`).join(', ')}`,
    );
    return { bins: levels.map((l) => ({ binIndex: l.binIndex, level: l.level, daysUntilEmpty: l.days })) };
  });
}

async function setAlarm(
  rt: CoffeeRuntime,
  tx: Ctx,
  deviceId: string,
  kind: 'low_material' | 'predicted_empty',
  on: boolean,
  severity: 'warn' | 'critical',
  about: string,
  title: () => string,
) {
  const db = tx.db.withTables<CoffeeTables>();
  const open = await db
    .selectFrom('coffee_alarm')
    .select(['id', 'severity'])
    .where('device_id', '=', deviceId)
    .where('kind', '=', kind)
    .where('status', '<>', 'closed')
    .executeTakeFirst();
  if (!on) {
    if (open) await closeAlarm(tx, open.id, 'levels back to normal');
    return;
  }
  if (!open) {
    await raiseAlarm(rt, tx, { deviceId, kind, severity, title: title(), about });
    return;
  }
  if (open.severity === severity) return;
  await db.updateTable('coffee_alarm').set({ severity, title: title() }).where('id', '=', open.id).execute();
  // a warning turned critical is news for the on-call person (sent once per alarm and level)
  await notifyOnCall(rt, tx, { id: open.id, deviceId, kind, severity, about });
}
