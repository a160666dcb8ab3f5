import { randomUUID } from 'node:crypto';
import { choiceField, dateTimeField, type ImportModel, textField } from '../../../core/imports/index.ts';
import { localMoment } from '../../../core/time/index.ts';
import { messSettingsOf } from '../mess.settings.ts';
import type { MessTables } from '../mess.tables.ts';
import { studentOf } from './cuts.import.ts';

export interface ImportedScan {
  studentId: string | null;
  scannedAt: Date;
  localDate: string;
  decision: 'allowed' | 'denied';
  reason: string | null;
  mealId: string | null;
  deviceId: string;
}

/**
 * `mess.scanevent` → `mess_scan`, as history: when, who (a scan of an unknown code has no student),
 * the verdict and its reason, the meal by its name where the organization has one of that name.
 * Served windows are not claimed (no window key), so history never blocks a meal to come.
 */
export const scansImport: ImportModel<ImportedScan> = {
  model: 'mess.scanevent',
  label: 'scans',
  foreignKeys: ['student'],
  async begin(ctx, refs) {
    const { timeZone } = await messSettingsOf(ctx);
    const meals = new Map(
      (await ctx.db.withTables<MessTables>().selectFrom('mess_meal').select(['id', 'name']).execute()).map(
        (m) => [m.name.toLowerCase(), m.id],
      ),
    );
    return {
      parse(record) {
        const f = record.fields;
        const scannedAt = dateTimeField(f, 'scanned_at', { required: true })!;
        const result = choiceField(f, 'result', ['allowed', 'blocked', 'denied'], { required: true })!;
        const meal = textField(f, 'meal');
        return {
          row: {
            studentId: f.student === null || f.student === undefined ? null : studentOf(refs, record),
            scannedAt,
            localDate: localMoment(scannedAt, timeZone).date,
            decision: result === 'allowed' ? 'allowed' : 'denied',
            reason: textField(f, 'reason', { max: 200 }),
            mealId: meal ? (meals.get(meal.toLowerCase()) ?? null) : null,
            deviceId: textField(f, 'device_info', { max: 200 }) || 'before-import',
          },
        };
      },
      async write(tx, rows) {
        const inserted = await tx.db
          .withTables<MessTables>()
          .insertInto('mess_scan')
          .values(
            rows.map((s) => ({
              nonce: randomUUID(),
              device_id: s.deviceId,
              student_id: s.studentId,
              method: 'pass' as const,
              scanned_at: s.scannedAt,
              local_date: s.localDate,
              offline: false,
              local_decision: null,
              local_reason: null,
              decision: s.decision,
              reason: s.reason,
              server_decision: s.decision,
              server_reason: s.reason,
              meal_id: s.mealId,
              window_key: null,
              synced_by: 'import',
            })),
          )
          .returning('id')
          .execute();
        return inserted.map((r) => r.id);
      },
    };
  },
};
