import { z } from 'zod';
import type { Ctx } from '../../core/context/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import { sql } from '../../platform/db/index.ts';

export const fleetSummarySchema = z.object({
  devices: z.object({ total: z.number(), online: z.number(), offline: z.number(), fault: z.number() }),
  openAlarms: z.number(),
  lowBins: z.number(),
  sales: z.object({
    currency: z.string(),
    todayMinor: z.number(),
    todayOrders: z.number(),
    weekMinor: z.number(),
    weekOrders: z.number(),
  }),
  /** The last 7 days in the organization's time zone, oldest first. */
  trend: z.array(z.object({ day: z.string(), orders: z.number(), salesMinor: z.number() })),
});
export type FleetSummary = z.infer<typeof fleetSummarySchema>;

/** The dashboard's KPIs: devices by status, open alarms, low bins, sales today, this week and per day. */
export async function fleetSummary(ctx: Ctx): Promise<FleetSummary> {
  const org = await getOrganization(ctx);
  const now = ctx.clock.now();
  const devices = await sql<{ status: string; n: string }>`
    select status, count(*) as n from coffee_device where org_id = ${ctx.orgId} group by status`.execute(
    ctx.db,
  );
  const by = Object.fromEntries(devices.rows.map((r) => [r.status, Number(r.n)]));
  const counts = await sql<{ alarms: string; low: string }>`
    select (select count(*) from coffee_alarm where org_id = ${ctx.orgId} and status <> 'closed') as alarms,
           (select count(*) from coffee_bin where org_id = ${ctx.orgId} and remaining * 100 <= capacity * low_pct) as low`.execute(
    ctx.db,
  );
  const days = await sql<{ day: string; orders: string; sales: string }>`
    with d as (
      select generate_series((${now}::timestamptz at time zone ${org.timeZone})::date - 6,
                             (${now}::timestamptz at time zone ${org.timeZone})::date, interval '1 day')::date as day)
    select to_char(d.day, 'YYYY-MM-DD') as day, count(o.id) as orders, coalesce(sum(o.total_minor), 0) as sales
    from d left join coffee_order o on o.org_id = ${ctx.orgId} and o.currency = ${org.currency}
      and o.payment_status = 'paid' and (o.ordered_at at time zone ${org.timeZone})::date = d.day
    group by d.day order by d.day`.execute(ctx.db);
  const trend = days.rows.map((r) => ({ day: r.day, orders: Number(r.orders), salesMinor: Number(r.sales) }));
  const today = trend.at(-1) ?? { orders: 0, salesMinor: 0 };
  const total = Object.values(by).reduce((a, b) => a + b, 0);
  return {
    devices: { total, online: by.online ?? 0, offline: by.offline ?? 0, fault: by.fault ?? 0 },
    openAlarms: Number(counts.rows[0]?.alarms ?? 0),
    lowBins: Number(counts.rows[0]?.low ?? 0),
    sales: {
      currency: org.currency,
      todayMinor: today.salesMinor,
      todayOrders: today.orders,
      weekMinor: trend.reduce((a, t) => a + t.salesMinor, 0),
      weekOrders: trend.reduce((a, t) => a + t.orders, 0),
    },
    trend,
  };
}
