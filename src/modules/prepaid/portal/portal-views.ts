import type { Ctx } from '../../../core/context/index.ts';
import { PrepaidErrors } from '../prepaid.errors.ts';
import type { PrepaidTables } from '../prepaid.tables.ts';
import { getPurchase } from '../purchase-view.ts';
import { meterConsumption } from '../readings.ts';
import { monthUnitsTenths, tariffAt } from '../tariffs.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

/** A meter of this account, or `meter_not_found` (another account's meter is as good as none). */
export async function accountMeter(ctx: Ctx, accountId: string, meterId: string) {
  const row = await tables(ctx)
    .selectFrom('prepaid_meter')
    .select(['id', 'number', 'status'])
    .where('id', '=', meterId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!row) throw PrepaidErrors.meter_not_found({ meterId });
  return row;
}

/** The account's meters with what the customer asks first: units bought this month, the last token. */
export async function portalMeters(ctx: Ctx, accountId: string) {
  const rows = await tables(ctx)
    .selectFrom('prepaid_meter')
    .select(['id', 'number', 'category', 'location', 'building', 'department', 'status'])
    .where('account_id', '=', accountId)
    .orderBy('number')
    .execute();
  const now = ctx.clock.now();
  return Promise.all(
    rows.map(async ({ category, ...m }) => {
      const tariff = await tariffAt(ctx, category, now).catch(() => null);
      const last = await tables(ctx)
        .selectFrom('prepaid_token')
        .select(['token', 'units_tenths', 'created_at'])
        .where('meter_id', '=', m.id)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return {
        ...m,
        /** The currency its tariff sells in; null when no tariff is in effect (nothing to buy). */
        currency: tariff?.currency ?? null,
        monthUnitsTenths: await monthUnitsTenths(ctx, m.id, now),
        // From the meter's readings (daily use null until two readings tell it) and its tokens.
        ...(await meterConsumption(ctx, m.id)),
        lastToken: last
          ? { token: last.token, unitsTenths: last.units_tenths, createdAt: last.created_at.toISOString() }
          : null,
      };
    }),
  );
}

/** The account's purchases, newest first, with their tokens. */
export async function portalHistory(ctx: Ctx, accountId: string, limit = 50) {
  const ids = await tables(ctx)
    .selectFrom('prepaid_purchase as p')
    .innerJoin('prepaid_meter as m', 'm.id', 'p.meter_id')
    .select('p.id')
    .where('m.account_id', '=', accountId)
    .orderBy('p.created_at', 'desc')
    .limit(limit)
    .execute();
  return Promise.all(ids.map((r) => getPurchase(ctx, r.id)));
}

/**
 * What the original system sold this account before the switch (imported, issue 51), newest first:
 * its amount to the cent, the token it gave, marked as the original's in the portal.
 */
export async function portalOriginalHistory(ctx: Ctx, accountId: string, limit = 50) {
  const rows = await tables(ctx)
    .selectFrom('prepaid_imported_payment as p')
    .leftJoin('prepaid_meter as m', 'm.id', 'p.meter_id')
    .leftJoin('prepaid_imported_token as t', 't.payment_id', 'p.id')
    .select([
      'p.id',
      'm.number as meter_number',
      'p.method',
      'p.status',
      'p.amount_cents',
      'p.currency',
      't.token',
      't.units_milli',
      't.status as token_status',
      'p.refunded_minor',
      'p.created_at',
    ])
    .where('p.account_id', '=', accountId)
    .orderBy('p.created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    meterNumber: r.meter_number,
    method: r.method,
    status: r.status,
    amount: { amountCents: Number(r.amount_cents), currency: r.currency.trim() },
    token: r.token_status === 'cancelled' ? null : r.token,
    unitsMilli: r.units_milli === null ? null : Number(r.units_milli),
    refunded: { amountMinor: Number(r.refunded_minor), currency: r.currency.trim() },
    createdAt: r.created_at.toISOString(),
  }));
}

/** One purchase of this account. */
export async function portalPurchase(ctx: Ctx, accountId: string, purchaseId: string) {
  const p = await getPurchase(ctx, purchaseId);
  await accountMeter(ctx, accountId, p.meterId).catch(() => {
    throw PrepaidErrors.purchase_not_found({ purchaseId });
  });
  return p;
}
