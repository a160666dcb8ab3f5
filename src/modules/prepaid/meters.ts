import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { newMeterSecret, sealMeterKey } from './meter-keys.ts';
import { ensurePhoneOwner } from './portal/portal-users.ts';
import { PrepaidErrors } from './prepaid.errors.ts';
import type { MeterStatus, PrepaidTables } from './prepaid.tables.ts';
import { type TariffTerms, type Tier, tariffProblems } from './tariff.rules.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

/** How long after creation the console may print a generated key's commissioning sheet (once). */
export const COMMISSIONING_SHEET_MINUTES = 30;

export interface NewAccount {
  kind: 'household' | 'institution';
  name: string;
  channel?: { name: 'email' | 'whatsapp' | 'telegram'; to: string } | null;
  language?: string;
  /** The owner's phone, normalized (`+250788000111`): the portal signs in with it and a meter number. */
  phone?: string | null;
}

export async function createAccount(ctx: Ctx, input: NewAccount) {
  return inTransaction(ctx, async (tx) => {
    const row = await tables(tx)
      .insertInto('prepaid_account')
      .values({
        kind: input.kind,
        name: input.name,
        channel: input.channel?.name ?? null,
        channel_to: input.channel?.to ?? null,
        language: input.language ?? 'en',
        phone: input.phone ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      action: 'prepaid.account.created',
      subject: { type: 'prepaid_account', id: row.id },
      after: { kind: row.kind, name: row.name, channel: row.channel, phone: row.phone },
    });
    // The account's phone is its first portal owner.
    const ownerUserId = await ensurePhoneOwner(tx, row);
    return { ...row, ownerUserId };
  });
}

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

export interface NewTariff extends TariffTerms {
  category: string;
  currency: string;
  effectiveFrom: Date;
  effectiveTo?: Date | null;
}

export async function createTariff(ctx: Ctx, input: NewTariff) {
  const problems = tariffProblems(input);
  if (problems.length) throw PrepaidErrors.tariff_invalid({ problems });
  return inTransaction(ctx, async (tx) => {
    const row = await tables(tx)
      .insertInto('prepaid_tariff')
      .values({
        category: input.category,
        currency: input.currency,
        tiers: JSON.stringify(input.tiers),
        fee_minor: input.feeMinor,
        tax_basis_points: input.taxBasisPoints,
        effective_from: input.effectiveFrom,
        effective_to: input.effectiveTo ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      action: 'prepaid.tariff.created',
      subject: { type: 'prepaid_tariff', id: row.id },
      after: { ...input, effectiveFrom: input.effectiveFrom.toISOString() },
    });
    return toTariff(row);
  });
}

export interface Tariff extends TariffTerms {
  id: string;
  category: string;
  currency: string;
  effectiveFrom: Date;
  effectiveTo: Date | null;
}

const toTariff = (r: {
  id: string;
  category: string;
  currency: string;
  tiers: unknown;
  fee_minor: string;
  tax_basis_points: number;
  effective_from: Date;
  effective_to: Date | null;
}): Tariff => ({
  id: r.id,
  category: r.category,
  currency: r.currency.trim(),
  tiers: r.tiers as Tier[],
  feeMinor: Number(r.fee_minor),
  taxBasisPoints: r.tax_basis_points,
  effectiveFrom: r.effective_from,
  effectiveTo: r.effective_to,
});

/** The tariff of a category in effect at `at` (the latest that started by then). */
export async function tariffAt(ctx: Ctx, category: string, at: Date): Promise<Tariff> {
  const row = await tables(ctx)
    .selectFrom('prepaid_tariff')
    .selectAll()
    .where('category', '=', category)
    .where('effective_from', '<=', at)
    .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', at)]))
    .orderBy('effective_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) throw PrepaidErrors.no_tariff({ category });
  return toTariff(row);
}

/** Tenths of a kWh the meter was sold in the calendar month (UTC) of `at`: what tiers count from. */
export async function monthUnitsTenths(ctx: Ctx, meterId: string, at: Date): Promise<number> {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const row = await tables(ctx)
    .selectFrom('prepaid_token')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('units_tenths'), eb.lit(0)).as('sum'))
    .where('meter_id', '=', meterId)
    .where('created_at', '>=', start)
    .executeTakeFirstOrThrow();
  return Number(row.sum);
}

export interface AccountChanges {
  name?: string;
  phone?: string | null;
  /** Where token messages go; each half may change alone (the other is kept), null clears it. */
  channel?: 'email' | 'whatsapp' | 'telegram' | null;
  channelTo?: string | null;
  language?: string;
}

/** Edits an account (staff form), audited with what changed before and after. */
export async function updateAccount(ctx: Ctx, id: string, changes: AccountChanges) {
  return inTransaction(ctx, async (tx) => {
    const before = await tables(tx)
      .selectFrom('prepaid_account')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw PrepaidErrors.account_not_found({ accountId: id });
    // A partial edit changes only what it names: the other half of the channel is kept.
    const channel = changes.channel !== undefined ? changes.channel : before.channel;
    const channelTo = changes.channelTo !== undefined ? changes.channelTo || null : before.channel_to;
    if ((channel === null) !== (channelTo === null)) {
      const missing = channel === null ? 'channel' : 'channelTo';
      throw PlatformErrors.validation_failed(
        {},
        {
          message: `${missing}: a channel needs both its name and its address`,
          fields: [
            {
              field: `body.${missing}`,
              message: 'a channel needs both its name and its address',
              code: 'invalid_value',
              expected: missing === 'channel' ? 'email, whatsapp or telegram' : 'the address on that channel',
            },
          ],
        },
      );
    }
    const row = await tables(tx)
      .updateTable('prepaid_account')
      .set({
        name: changes.name,
        phone: changes.phone,
        language: changes.language,
        channel: channel as typeof before.channel,
        channel_to: channelTo,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (row.phone && row.phone !== before.phone) await ensurePhoneOwner(tx, row);
    const view = (a: typeof row) => ({
      name: a.name,
      phone: a.phone,
      channel: a.channel,
      channelTo: a.channel_to,
      language: a.language,
    });
    await recordAudit(tx, {
      action: 'prepaid.account.updated',
      subject: { type: 'prepaid_account', id },
      before: view(before),
      after: view(row),
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
