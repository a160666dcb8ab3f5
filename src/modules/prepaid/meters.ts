import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { newMeterSecret, sealMeterKey } from './meter-keys.ts';
import { PrepaidErrors } from './prepaid.errors.ts';
import type { MeterStatus, PrepaidTables } from './prepaid.tables.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

// Accounts and tariffs have their own files; callers outside the module still import them from here.
export { type AccountChanges, createAccount, type NewAccount, updateAccount } from './accounts.ts';
export { createTariff, monthUnitsTenths, type NewTariff, type Tariff, tariffAt } from './tariffs.ts';

/** How long after creation the console may print a generated key's commissioning sheet (once). */
export const COMMISSIONING_SHEET_MINUTES = 30;
export interface NewMeter {
  accountId: string;
  number: string;
  category?: string;
  location?: string;
  building?: string;
  department?: string;
  /** The key programmed into the meter (32 hex); generated when absent (returned once, by creation only). */
  openPaygoKey?: string;
  startingCode?: number;
  restrictedDigits?: boolean;
  extendedTokens?: boolean;
  valueDivider?: 1 | 10 | 100;
  /** A meter already in service: the last count it accepted (tokens continue above it). */
  lastCount?: number;
}

export type MeterRow = Awaited<ReturnType<typeof getMeterRow>>;

export async function createMeter(ctx: Ctx, secretKey: string, input: NewMeter) {
  if (input.openPaygoKey !== undefined && !/^[0-9a-fA-F]{32}$/.test(input.openPaygoKey))
    throw PrepaidErrors.key_invalid({});
  const generated = newMeterSecret();
  return inTransaction(ctx, async (tx) => {
    const account = await tables(tx)
      .selectFrom('prepaid_account')
      .select('id')
      .where('id', '=', input.accountId)
      .executeTakeFirst();
    if (!account) throw PrepaidErrors.account_not_found({ accountId: input.accountId });
    const row = await tables(tx)
      .insertInto('prepaid_meter')
      .values({
        account_id: account.id,
        number: input.number,
        category: input.category,
        location: input.location,
        building: input.building,
        department: input.department,
        opg_key_sealed: sealMeterKey(input.openPaygoKey ?? generated.key, secretKey),
        // A generated key nobody has seen yet: printable once on the commissioning sheet, for a while.
        ...(input.openPaygoKey === undefined
          ? {
              opg_key_sheet_sealed: sealMeterKey(generated.key, secretKey),
              opg_key_sheet_until: new Date(tx.clock.now().getTime() + COMMISSIONING_SHEET_MINUTES * 60_000),
            }
          : {}),
        opg_starting_code: input.startingCode ?? generated.startingCode,
        opg_restricted_digits: input.restrictedDigits,
        opg_extended: input.extendedTokens,
        opg_value_divider: input.valueDivider,
        opg_last_count: input.lastCount,
      })
      .onConflict((oc) => oc.columns(['org_id', 'number']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw PrepaidErrors.meter_number_taken({ number: input.number });
    await recordAudit(tx, {
      action: 'prepaid.meter.created',
      subject: { type: 'prepaid_meter', id: row.id },
      after: { ...meterAudit(row), lastCount: row.opg_last_count },
    });
    // The generated key leaves this function once, for the creation answer; it is never read back.
    return { ...row, generatedKey: input.openPaygoKey === undefined ? generated.key : null };
  });
}

const meterAudit = (m: { number: string; status: string; account_id: string; category: string }) => ({
  number: m.number,
  status: m.status,
  accountId: m.account_id,
  category: m.category,
});

export async function getMeterRow(ctx: Ctx, id: string, options: { forUpdate?: boolean } = {}) {
  let query = tables(ctx).selectFrom('prepaid_meter').selectAll().where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw PrepaidErrors.meter_not_found({ meterId: id });
  return row;
}

/** Active ↔ inactive ↔ suspended, one guarded statement, audited with the reason. */
export async function setMeterStatus(ctx: Ctx, id: string, status: MeterStatus, reason: string) {
  return inTransaction(ctx, async (tx) => {
    const before = await getMeterRow(tx, id);
    const row = await tables(tx)
      .updateTable('prepaid_meter')
      .set({ status, updated_at: tx.clock.now() })
      .where('id', '=', id)
      .where('status', '<>', status)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw PrepaidErrors.status_unchanged({ status });
    await recordAudit(tx, {
      action: 'prepaid.meter.status_changed',
      subject: { type: 'prepaid_meter', id },
      before: { status: before.status },
      after: { status: row.status },
      meta: { reason },
    });
    return row;
  });
}
export interface MeterChanges {
  category?: string;
  location?: string;
  building?: string;
  department?: string;
}

/** Edits where a meter is and its tariff category (staff form); keys and counts are not editable. */
export async function updateMeter(ctx: Ctx, id: string, changes: MeterChanges) {
  return inTransaction(ctx, async (tx) => {
    const before = await getMeterRow(tx, id);
    const row = await tables(tx)
      .updateTable('prepaid_meter')
      .set({ ...changes, updated_at: tx.clock.now() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const view = (m: typeof row) => ({
      category: m.category,
      location: m.location,
      building: m.building,
      department: m.department,
    });
    await recordAudit(tx, {
      action: 'prepaid.meter.updated',
      subject: { type: 'prepaid_meter', id },
      before: view(before),
      after: view(row),
    });
    return row;
  });
}
