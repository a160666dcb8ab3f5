import type { Ctx } from '../../core/context/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import { dailySeries } from './consumption.rules.ts';
import type { PrepaidTables } from './prepaid.tables.ts';
import { meterConsumption } from './readings.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();
const DAY = 86_400_000;

/** A meter's use per day over the last `days` days (the operator's time zone) with its balance and days left. */
export async function meterUsage(ctx: Ctx, meterId: string, days = 30) {
  const now = ctx.clock.now();
  const from = new Date(now.getTime() - (days - 1) * DAY);
  const [org, rows, summary] = await Promise.all([
    getOrganization(ctx),
    tables(ctx)
      .selectFrom('prepaid_reading')
      .select(['read_at', 'register_tenths'])
      .where('meter_id', '=', meterId)
      // one reading before the window, so the first day's rise is known
      .where('read_at', '>=', new Date(from.getTime() - 2 * DAY))
      .where('read_at', '<=', now)
      .orderBy('read_at')
      .execute(),
    meterConsumption(ctx, meterId),
  ]);
  const readings = rows.map((r) => ({ readAt: r.read_at, registerTenths: Number(r.register_tenths) }));
  return { ...summary, days: dailySeries(readings, { from, to: now, timeZone: org.timeZone }) };
}

/** An account's alerts, open first, then the last 30 days' cleared ones. */
export async function accountAlerts(ctx: Ctx, accountId: string) {
  const rows = await tables(ctx)
    .selectFrom('prepaid_alert as a')
    .innerJoin('prepaid_meter as m', 'm.id', 'a.meter_id')
    .select([
      'a.id',
      'a.kind',
      'a.facts',
      'a.raised_at',
      'a.cleared_at',
      'm.number as meterNumber',
      'm.id as meterId',
    ])
    .where('a.account_id', '=', accountId)
    .where((eb) =>
      eb.or([
        eb('a.cleared_at', 'is', null),
        eb('a.raised_at', '>', new Date(ctx.clock.now().getTime() - 30 * DAY)),
      ]),
    )
    .orderBy('a.raised_at', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    meterId: r.meterId,
    meterNumber: r.meterNumber,
    balanceTenths: r.facts.balanceTenths ?? null,
    estimated: r.facts.estimated === 1,
    daysLeft: r.facts.daysLeft ?? null,
    lastDayTenths: r.facts.lastDayTenths ?? null,
    usualTenths: r.facts.usualTenths ?? null,
    raisedAt: r.raised_at.toISOString(),
    clearedAt: r.cleared_at?.toISOString() ?? null,
  }));
}
