import { TZDate } from '@date-fns/tz';
import type { Ctx } from '../../core/context/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import { dailySeries, localDate } from './consumption.rules.ts';
import { PrepaidErrors } from './prepaid.errors.ts';
import type { PrepaidTables } from './prepaid.tables.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

/** `2026-11` → its first instant and the next month's, in a time zone. */
export function monthRange(month: string, timeZone: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return {
    from: new Date(new TZDate(y, m - 1, 1, timeZone).getTime()),
    to: new Date(new TZDate(y, m, 1, timeZone).getTime()),
  };
}

/** The month before the one `at` falls in, in a time zone (`2026-12-01T03:00` Kigali → `2026-11`). */
export function previousMonth(at: Date, timeZone: string): string {
  const [y, m] = localDate(at, timeZone).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * One purchase on a statement; `original` when the original system sold it before the switch (its
 * amount to the cent). `refundedMinor` is what went back for it (issue 62): the line says it was
 * refunded and the statement's "Paid" is net of it.
 */
export interface StatementPurchaseRow {
  date: string;
  token: string;
  unitsTenths: number;
  amountMinor: number;
  refundedMinor: number;
  currency: string;
  method: 'momo' | 'airtel' | 'cash' | 'card';
  original?: { amountCents: number } | null;
}

/** The last whole month in the operator's time zone: what a statement shows unless asked. */
export const lastMonth = async (ctx: Ctx) =>
  previousMonth(ctx.clock.now(), (await getOrganization(ctx)).timeZone);

/** What a monthly statement shows: per meter, the tokens bought (and what went back) and the use per day. */
export async function statementData(ctx: Ctx, accountId: string, month: string) {
  const [org, account] = await Promise.all([
    getOrganization(ctx),
    tables(ctx)
      .selectFrom('prepaid_account')
      .select(['id', 'name', 'kind', 'language'])
      .where('id', '=', accountId)
      .executeTakeFirst(),
  ]);
  if (!account) throw PrepaidErrors.account_not_found({ accountId });
  const range = { ...monthRange(month, org.timeZone), timeZone: org.timeZone };
  const meters = await tables(ctx)
    .selectFrom('prepaid_meter')
    .select(['id', 'number', 'location', 'building', 'department'])
    .where('account_id', '=', accountId)
    .orderBy('building')
    .orderBy('department')
    .orderBy('number')
    .execute();
  const perMeter = await Promise.all(
    meters.map(async (m) => {
      const purchases = [...(await soldIn(ctx, m.id, range)), ...(await originalSoldIn(ctx, m.id, range))];
      const days = await usePerDay(ctx, m.id, range);
      return {
        ...m,
        purchases: purchases.sort((a, b) => a.date.localeCompare(b.date)),
        days,
        usedTenths: days.reduce((sum, d) => sum + d.tenths, 0),
      };
    }),
  );
  return { org: { name: org.name, timeZone: org.timeZone }, account, month, meters: perMeter };
}
export type StatementData = Awaited<ReturnType<typeof statementData>>;

/** A month of a meter, in the operator's time zone. */
interface MonthOf {
  from: Date;
  to: Date;
  timeZone: string;
}

/** The tokens Opsdesk sold a meter in the month, with what went back for their purchases. */
async function soldIn(ctx: Ctx, meterId: string, { from, to, timeZone }: MonthOf) {
  const tokens = await tables(ctx)
    .selectFrom('prepaid_token as t')
    .innerJoin('prepaid_purchase as p', 'p.id', 't.purchase_id')
    .select([
      't.created_at',
      't.token',
      't.units_tenths',
      't.amount_minor',
      't.currency',
      'p.method',
      'p.refunded_minor',
    ])
    .where('t.meter_id', '=', meterId)
    .where('t.created_at', '>=', from)
    .where('t.created_at', '<', to)
    .orderBy('t.created_at')
    .execute();
  return tokens.map(
    (t): StatementPurchaseRow => ({
      date: localDate(t.created_at, timeZone),
      token: t.token,
      unitsTenths: t.units_tenths,
      amountMinor: Number(t.amount_minor),
      refundedMinor: Number(t.refunded_minor),
      currency: t.currency.trim(),
      method: t.method,
    }),
  );
}

/** What the original system sold a meter in the month, before the switch (imported, issue 51), marked so. */
async function originalSoldIn(ctx: Ctx, meterId: string, { from, to, timeZone }: MonthOf) {
  const original = await tables(ctx)
    .selectFrom('prepaid_imported_token as t')
    .innerJoin('prepaid_imported_payment as p', 'p.id', 't.payment_id')
    .select([
      't.created_at',
      't.token',
      't.units_milli',
      'p.amount_cents',
      'p.currency',
      'p.method',
      'p.refunded_minor',
    ])
    .where('t.meter_id', '=', meterId)
    .where('t.status', '<>', 'cancelled')
    .where('t.created_at', '>=', from)
    .where('t.created_at', '<', to)
    .orderBy('t.created_at')
    .execute();
  return original.map(
    (t): StatementPurchaseRow => ({
      date: localDate(t.created_at, timeZone),
      token: t.token,
      unitsTenths: Math.round(Number(t.units_milli) / 100),
      amountMinor: Math.round(Number(t.amount_cents) / 100),
      refundedMinor: Number(t.refunded_minor),
      currency: t.currency.trim(),
      method: t.method,
      original: { amountCents: Number(t.amount_cents) },
    }),
  );
}

/** A meter's use per day of the month, from its readings (and the last ones before it). */
async function usePerDay(ctx: Ctx, meterId: string, { from, to, timeZone }: MonthOf) {
  const readings = await tables(ctx)
    .selectFrom('prepaid_reading')
    .select(['read_at', 'register_tenths'])
    .where('meter_id', '=', meterId)
    .where('read_at', '>=', new Date(from.getTime() - 3 * 86_400_000))
    .where('read_at', '<', to)
    .orderBy('read_at')
    .execute();
  return dailySeries(
    readings.map((r) => ({ readAt: r.read_at, registerTenths: Number(r.register_tenths) })),
    { from, to: new Date(to.getTime() - 1), timeZone },
  );
}
