import { z } from 'zod';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { sql } from '../../platform/db/index.ts';
import { notifyOnCall } from './alarm-notifications.ts';
import { type AlarmParams, closeAlarm, raiseAlarm } from './alarms.ts';
import { type JudgedBin, materialAlarms, nextUseEstimate } from './coffee.rules.ts';
import type { CoffeeRuntime } from './coffee.runtime.ts';
import type { CoffeeTables } from './coffee.tables.ts';
import { canonicalJson } from './recipe.schema.ts';

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

/**
 * The device's bin levels. Under the device's row lock (two reports of one machine run one after
 * the other): each reported bin is stored with its use estimate, then every stored bin of the
 * device — reported now or earlier — decides its low-material and predicted-empty alarms.
 */
export async function reportMaterials(
  ctx: Ctx,
  rt: CoffeeRuntime,
  deviceId: string,
  report: MaterialsReport,
) {
  return inTransaction(ctx, async (tx) => {
    await lockDevice(tx, deviceId);
    const db = tx.db.withTables<CoffeeTables>();
    const now = tx.clock.now();
    const previous = await db
      .selectFrom('coffee_bin')
      .selectAll()
      .where('device_id', '=', deviceId)
      .execute();
    for (const b of report.bins) {
      const old = previous.find((p) => p.bin_index === b.binIndex);
      const use = nextUseEstimate(
        {
          dailyUse: old?.daily_use ?? null,
          since:
            old?.use_since_at && old.use_since_remaining !== null
              ? { remaining: old.use_since_remaining, at: old.use_since_at }
              : null,
        },
        { remaining: b.remaining, at: now },
      );
      const values = {
        material_code: b.materialCode,
        remaining: b.remaining,
        capacity: b.capacity ?? old?.capacity ?? Math.max(b.remaining, 1),
        daily_use: use.dailyUse,
        use_since_remaining: use.since?.remaining ?? null,
        use_since_at: use.since?.at ?? null,
        updated_at: now,
      };
      if (old) await db.updateTable('coffee_bin').set(values).where('id', '=', old.id).execute();
      else
        await db
          .insertInto('coffee_bin')
          .values({ ...values, device_id: deviceId, bin_index: b.binIndex })
          .execute();
    }
    const judged = await judgeDeviceMaterials(tx, rt, deviceId);
    const reported = new Set(report.bins.map((b) => b.binIndex));
    return {
      bins: judged
        .filter((b) => reported.has(b.binIndex))
        .map((b) => ({ binIndex: b.binIndex, level: b.level, daysUntilEmpty: b.daysUntilEmpty })),
    };
  });
}

/** The device row's lock: the one order every writer of a device's bins and alarms takes first. */
async function lockDevice(tx: Ctx, deviceId: string) {
  await sql`select id from coffee_device where id = ${deviceId} and org_id = ${tx.orgId} for update`.execute(
    tx.db,
  );
}

/**
 * Raises, escalates, re-words or closes the device's material alarms from all its stored bins.
 * Runs inside the caller's transaction, which holds (or takes here) the device's row lock.
 */
export async function judgeDeviceMaterials(
  tx: Ctx,
  rt: CoffeeRuntime,
  deviceId: string,
): Promise<JudgedBin[]> {
  await lockDevice(tx, deviceId);
  const bins = await tx.db
    .withTables<CoffeeTables>()
    .selectFrom('coffee_bin')
    .selectAll()
    .where('device_id', '=', deviceId)
    .orderBy('bin_index')
    .execute();
  const verdict = materialAlarms(
    bins.map((b) => ({
      binIndex: b.bin_index,
      materialCode: b.material_code,
      remaining: b.remaining,
      capacity: b.capacity,
      lowPct: b.low_pct,
      criticalPct: b.critical_pct,
      dailyUse: b.daily_use,
    })),
  );
  // the console and the on-call message name a material as staff do, not by the machine's code (issue 54, item 19)
  const names = await materialNames(
    tx,
    bins.map((b) => b.material_code),
  );
  const nameOf = (code: string) => names.get(code) ?? code;
  const low = verdict.lowMaterial;
  await setAlarm(
    tx,
    rt,
    deviceId,
    'low_material',
    low && {
      severity: low.severity,
      bins: low.bins,
      title: `Low material: ${low.bins.map((b) => `${b.materialCode} (${b.level})`).join(', ')}`,
      params: {
        materials: low.bins.map((b) => ({
          key: `coffee.alarm_title.bin_${b.level}`,
          params: { code: b.materialCode, name: nameOf(b.materialCode) },
        })),
      },
      about: low.bins.map((b) => nameOf(b.materialCode)).join(', '),
    },
  );
  const soon = verdict.predictedEmpty;
  await setAlarm(
    tx,
    rt,
    deviceId,
    'predicted_empty',
    soon && {
      severity: soon.severity,
      bins: soon.bins,
      title: `Empty soon: ${soon.bins.map((b) => `${b.materialCode} in ${b.daysUntilEmpty} days`).join(', ')}`,
      params: {
        materials: soon.bins.map((b) => ({
          key: 'coffee.alarm_title.bin_days',
          params: { code: b.materialCode, name: nameOf(b.materialCode), smart_count: b.daysUntilEmpty ?? 0 },
        })),
      },
      about: soon.bins.map((b) => nameOf(b.materialCode)).join(', '),
    },
  );
  return verdict.judged;
}

interface AlarmState {
  severity: 'warn' | 'critical';
  bins: JudgedBin[];
  /** In English with the materials' codes, for API clients. */
  title: string;
  params: AlarmParams;
  /** The materials by their names, for the on-call message. */
  about: string;
}

/** The organization's names of its materials by code (a code it never named stays a code). */
async function materialNames(tx: Ctx, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await tx.db
    .withTables<CoffeeTables>()
    .selectFrom('coffee_material')
    .select(['code', 'name'])
    .where('code', 'in', [...new Set(codes)])
    .execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

async function setAlarm(
  tx: Ctx,
  rt: CoffeeRuntime,
  deviceId: string,
  kind: 'low_material' | 'predicted_empty',
  want: AlarmState | null,
) {
  const db = tx.db.withTables<CoffeeTables>();
  const open = await db
    .selectFrom('coffee_alarm')
    .select(['id', 'severity', 'title', 'params'])
    .where('device_id', '=', deviceId)
    .where('kind', '=', kind)
    .where('status', '<>', 'closed')
    .executeTakeFirst();
  if (!want) {
    if (open) await closeAlarm(tx, open.id, 'levels back to normal');
    return;
  }
  const about = want.about;
  const context = {
    bins: want.bins.map((b) => ({ binIndex: b.binIndex, materialCode: b.materialCode, level: b.level })),
  };
  if (!open) {
    await raiseAlarm(tx, rt, {
      deviceId,
      kind,
      severity: want.severity,
      title: want.title,
      params: want.params,
      about,
      context,
    });
    return;
  }
  if (open.severity === want.severity && open.title === want.title && sameParams(open.params, want.params))
    return;
  await db
    .updateTable('coffee_alarm')
    .set({
      severity: want.severity,
      title: want.title,
      params: JSON.stringify(want.params),
      context: JSON.stringify(context),
    })
    .where('id', '=', open.id)
    .execute();
  // a warning turned critical is news for the on-call person (sent once per alarm and level)
  if (open.severity !== want.severity)
    await notifyOnCall(tx, rt, { id: open.id, deviceId, kind, severity: want.severity, about });
}

/** Whether the stored words of an alarm are the ones it would get now (a material renamed since rewords it). */
const sameParams = (stored: unknown, want: AlarmParams) =>
  canonicalJson(typeof stored === 'string' ? JSON.parse(stored) : stored) === canonicalJson(want);
