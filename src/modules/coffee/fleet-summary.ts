import type { Ctx } from '../../core/context/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import { sql } from '../../platform/db/index.ts';
import type { FleetSummary, FleetSummaryQuery } from './fleet-summary.contract.ts';

/**
 * The dashboard's KPIs: devices by status, open alarms, low bins, sales today and in the last 7
 * days, and sales per day over the chosen days; all for one merchant's machines when one is given.
 */
export async function fleetSummary(ctx: Ctx, query: FleetSummaryQuery = {}): Promise<FleetSummary> {
  const org = await getOrganization(ctx);
  const now = ctx.clock.now();
  const tz = org.timeZone;
  const merchant = query.merchantId ?? null;
  // the machines counted: all of the organization's, or one merchant's
  const devicesOf = sql`select id from coffee_device where org_id = ${ctx.orgId} and retired_at is null
    and (${merchant}::uuid is null or merchant_id = ${merchant}::uuid)`;
  const devices = await sql<{ status: string; n: string }>`
    select status, count(*) as n from coffee_device where id in (${devicesOf}) group by status`.execute(
    ctx.db,
  );
  const by = Object.fromEntries(devices.rows.map((r) => [r.status, Number(r.n)]));
  const counts = await sql<{ alarms: string; low: string; legacy: string }>`
    select (select count(*) from coffee_alarm where org_id = ${ctx.orgId} and status <> 'closed'
              and device_id in (${devicesOf})) as alarms,
           (select count(*) from coffee_device where id in (${devicesOf})
              and legacy_tokenless_since is not null) as legacy,
           (select count(*) from coffee_bin where org_id = ${ctx.orgId} and remaining * 100 <= capacity * low_pct
              and device_id in (${devicesOf})) as low`.execute(ctx.db);
  const today = sql`(${now}::timestamptz at time zone ${tz})::date`;
  const from = query.from
    ? sql`${query.from}::date`
    : query.to
      ? sql`${query.to}::date - 6`
      : sql`${today} - 6`;
  const to = query.to
    ? sql`${query.to}::date`
    : query.from
      ? sql`least(${query.from}::date + 6, ${today})`
      : today;
  const perDay = (first: typeof from, last: typeof to) => sql<{ day: string; orders: string; sales: string }>`
    with d as (select generate_series(${first}, ${last}, interval '1 day')::date as day)
    select to_char(d.day, 'YYYY-MM-DD') as day, count(o.id) as orders, coalesce(sum(o.total_minor - o.refunded_minor), 0) as sales
    from d left join coffee_order o on o.org_id = ${ctx.orgId} and o.currency = ${org.currency}
      and o.payment_status = 'paid' and (o.ordered_at at time zone ${tz})::date = d.day
      and o.device_id in (${devicesOf})
    group by d.day order by d.day`;
  const rows = (await perDay(from, to).execute(ctx.db)).rows;
  const week = (await perDay(sql`${today} - 6`, today).execute(ctx.db)).rows;
  const total = Object.values(by).reduce((a, b) => a + b, 0);
  const toTrend = (r: { day: string; orders: string; sales: string }) => ({
    day: r.day,
    orders: Number(r.orders),
    salesMinor: Number(r.sales),
    ordersPerMachine: total ? Math.round((Number(r.orders) * 10) / total) / 10 : 0,
  });
  const trend = rows.map(toTrend);
  const last7 = week.map(toTrend);
  const todays = last7.at(-1) ?? { orders: 0, salesMinor: 0 };
  return {
    devices: { total, online: by.online ?? 0, offline: by.offline ?? 0, fault: by.fault ?? 0 },
    openAlarms: Number(counts.rows[0]?.alarms ?? 0),
    lowBins: Number(counts.rows[0]?.low ?? 0),
    legacyTokenless: Number(counts.rows[0]?.legacy ?? 0),
    sales: {
      currency: org.currency,
      todayMinor: todays.salesMinor,
      todayOrders: todays.orders,
      weekMinor: last7.reduce((a, t) => a + t.salesMinor, 0),
      weekOrders: last7.reduce((a, t) => a + t.orders, 0),
    },
    period: {
      from: trend[0]?.day ?? '',
      to: trend.at(-1)?.day ?? '',
      salesMinor: trend.reduce((a, t) => a + t.salesMinor, 0),
      orders: trend.reduce((a, t) => a + t.orders, 0),
    },
    trend,
  };
}
