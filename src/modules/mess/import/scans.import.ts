import type { Ctx } from '../../../core/context/index.ts';
import { choiceField, type ImportModel, textField } from '../../../core/imports/index.ts';
import { localMoment } from '../../../core/time/index.ts';
import type { RuleDenial } from '../mess.rules.ts';
import { messSettingsOf } from '../mess.settings.ts';
import type { MessTables } from '../mess.tables.ts';
import { instantField, studentOf } from './original-records.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<MessTables>();

export interface ImportedScan {
  /** The original's id: the scan's nonce here, so a scan is never written twice. */
  nonce: string;
  studentId: string;
  scannedAt: Date;
  localDate: string;
  decision: 'allowed' | 'denied';
  reason: RuleDenial | null;
  mealId: string | null;
  deviceId: string;
}

export const SCAN_NOTES = {
  noMeal: 'its meal is not among the mess’s meals (Breakfast, Lunch, Dinner…) yet: kept without a meal',
} as const;

/**
 * `core.scanevent` (table `scan_events`) → `mess_scan`, as history: when, who, the counter's verdict
 * with the reason the original gave (ALLOWED; BLOCKED_NO_PAYMENT → payment_due; BLOCKED_STATUS →
 * not_approved; BLOCKED_CUT → mess_closed on a day a closure of the original closes, else mess_cut),
 * the meal by its name where the organization has a meal of that name, the device it reported. No
 * serving window is claimed, so history never blocks a meal to come. The staff token is not brought
 * (staff sign in to Opsdesk).
 */
export const scansImport = (closedDays: ReadonlySet<string>): ImportModel<ImportedScan> => ({
  model: 'core.scanevent',
  label: 'scans',
  table: { name: 'scan_events', pk: 'id' },
  foreignKeys: ['student', 'staff_token'],
  async begin(ctx, refs) {
    const { timeZone } = await messSettingsOf(ctx);
    const meals = new Map(
      (await tables(ctx).selectFrom('mess_meal').select(['id', 'name']).execute()).map((m) => [
        m.name.trim().toLowerCase(),
        m.id,
      ]),
    );
    return {
      parse(record) {
        const f = record.fields;
        const scannedAt = instantField(f, 'scanned_at') ?? instantField(f, 'created_at', { required: true })!;
        const result = choiceField(
          f,
          'result',
          ['allowed', 'blocked_no_payment', 'blocked_cut', 'blocked_status'],
          { required: true },
        )!;
        const localDate = localMoment(scannedAt, timeZone).date;
        const reason: RuleDenial | null =
          result === 'allowed'
            ? null
            : result === 'blocked_no_payment'
              ? 'payment_due'
              : result === 'blocked_status'
                ? 'not_approved'
                : closedDays.has(localDate)
                  ? 'mess_closed'
                  : 'mess_cut';
        const meal = textField(f, 'meal', { max: 100 });
        const mealId = meal ? (meals.get(meal.toLowerCase()) ?? null) : null;
        return {
          row: {
            nonce: record.pk.toLowerCase(),
            studentId: studentOf(refs, record),
            scannedAt,
            localDate,
            decision: result === 'allowed' ? 'allowed' : 'denied',
            reason,
            mealId,
            deviceId: (textField(f, 'device_info') ?? '').slice(0, 200) || 'original system',
          },
          ...(meal && !mealId ? { notes: [SCAN_NOTES.noMeal] } : {}),
        };
      },
      async write(tx, rows) {
        const inserted = await tables(tx)
          .insertInto('mess_scan')
          .values(
            rows.map((s) => ({
              nonce: s.nonce,
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
});
