import { z } from 'zod';
import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import type { AlertSettings } from './alerts.rules.ts';
import { settingsOf } from './alerts.ts';
import { PrepaidErrors } from './prepaid.errors.ts';
import type { PrepaidTables } from './prepaid.tables.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

/** Alert settings as the portal and the console edit them (kWh, not tenths). */
export const alertSettingsInput = z.object({
  enabled: z.boolean().optional(),
  lowDays: z.number().int().min(0).max(60).optional(),
  lowKwh: z.number().min(0).max(10_000).optional(),
  unusualPercent: z.number().int().min(110).max(1000).optional(),
});
export type AlertSettingsInput = z.output<typeof alertSettingsInput>;

export const alertSettingsView = (s: AlertSettings) => ({
  enabled: s.enabled,
  lowDays: s.lowDays,
  lowKwh: s.lowTenths / 10,
  unusualPercent: s.unusualPercent,
});
export type AlertSettingsView = ReturnType<typeof alertSettingsView>;

/** An account's alert settings. */
export async function getAlertSettings(ctx: Ctx, accountId: string): Promise<AlertSettingsView> {
  const row = await tables(ctx)
    .selectFrom('prepaid_account')
    .select(['alerts_enabled', 'alert_low_days', 'alert_low_tenths', 'alert_unusual_percent'])
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!row) throw PrepaidErrors.account_not_found({ accountId });
  return alertSettingsView(settingsOf(row));
}

/** Changes what it names of an account's alert settings; audited with before and after. */
export async function updateAlertSettings(
  ctx: Ctx,
  accountId: string,
  changes: AlertSettingsInput,
): Promise<AlertSettingsView> {
  return inTransaction(ctx, async (tx) => {
    const before = await tables(tx)
      .selectFrom('prepaid_account')
      .select(['alerts_enabled', 'alert_low_days', 'alert_low_tenths', 'alert_unusual_percent'])
      .where('id', '=', accountId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw PrepaidErrors.account_not_found({ accountId });
    const after = await tables(tx)
      .updateTable('prepaid_account')
      .set({
        alerts_enabled: changes.enabled ?? before.alerts_enabled,
        alert_low_days: changes.lowDays ?? before.alert_low_days,
        alert_low_tenths:
          changes.lowKwh === undefined ? before.alert_low_tenths : Math.round(changes.lowKwh * 10),
        alert_unusual_percent: changes.unusualPercent ?? before.alert_unusual_percent,
      })
      .where('id', '=', accountId)
      .returning(['alerts_enabled', 'alert_low_days', 'alert_low_tenths', 'alert_unusual_percent'])
      .executeTakeFirstOrThrow();
    const view = alertSettingsView(settingsOf(after));
    await recordAudit(tx, {
      action: 'prepaid.account.alerts_changed',
      subject: { type: 'prepaid_account', id: accountId },
      before: alertSettingsView(settingsOf(before)),
      after: view,
    });
    return view;
  });
}
