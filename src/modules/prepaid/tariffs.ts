import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { PrepaidErrors } from './prepaid.errors.ts';
import type { PrepaidTables } from './prepaid.tables.ts';
import { type TariffTerms, type Tier, tariffProblems } from './tariff.rules.ts';

/** Tariffs as stored: created (audited), the one in effect at a time, and what a meter bought this month. */

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

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

/** The query of the tariff of a category in effect at `at` (the latest that started by then). */
const tariffInEffect = (ctx: Ctx, category: string, at: Date) =>
  tables(ctx)
    .selectFrom('prepaid_tariff')
    .selectAll()
    .where('category', '=', category)
    .where('effective_from', '<=', at)
    .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', at)]))
    .orderBy('effective_from', 'desc')
    .limit(1);

/** The query of the tenths of a kWh a meter was sold in the calendar month (UTC) of `at`, as `sum`. */
const soldInMonth = (ctx: Ctx, meterId: string, at: Date) =>
  tables(ctx)
    .selectFrom('prepaid_token')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('units_tenths'), eb.lit(0)).as('sum'))
    .where('meter_id', '=', meterId)
    .where('created_at', '>=', new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1)));

/** The tariff of a category in effect at `at` (the latest that started by then). */
export async function tariffAt(ctx: Ctx, category: string, at: Date): Promise<Tariff> {
  const row = await tariffInEffect(ctx, category, at).executeTakeFirst();
  if (!row) throw PrepaidErrors.no_tariff({ category });
  return toTariff(row);
}

/** What a sale of a meter is priced from: its category's tariff and the units it was sold this month. */
export interface Pricing {
  tariff: Tariff;
  monthUnitsTenths: number;
}

/**
 * `tariffAt` and `monthUnitsTenths` in one statement (a sale's hot path: issue 76 counts them).
 * A purchase asks it after it holds the meter's row lock, so the month's sum includes every sale of
 * the meter that committed before.
 */
export async function pricingFor(
  ctx: Ctx,
  meter: { id: string; category: string },
  at: { tariff: Date; month: Date },
): Promise<Pricing> {
  const row = await tariffInEffect(ctx, meter.category, at.tariff)
    .select(soldInMonth(ctx, meter.id, at.month).as('month_units_tenths'))
    .executeTakeFirst();
  if (!row) throw PrepaidErrors.no_tariff({ category: meter.category });
  return { tariff: toTariff(row), monthUnitsTenths: Number(row.month_units_tenths) };
}

/** Tenths of a kWh the meter was sold in the calendar month (UTC) of `at`: what tiers count from. */
export async function monthUnitsTenths(ctx: Ctx, meterId: string, at: Date): Promise<number> {
  const row = await soldInMonth(ctx, meterId, at).executeTakeFirstOrThrow();
  return Number(row.sum);
}
