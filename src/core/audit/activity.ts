import { sql } from '../../platform/db/index.ts';
import type { Ctx } from '../context/index.ts';

/**
 * Audit events per calendar day of the organization (its own time zone, not the browser's), the
 * last `days` days up to today, oldest first, every day present (0 where nothing happened). Counted
 * in the database, so a busy fortnight is not cut off at the events a page could read.
 */
export async function activityByDay(ctx: Ctx, days: number): Promise<Array<{ day: string; events: number }>> {
  const { rows } = await sql<{ day: string; events: number }>`
    with org as (select time_zone as tz from organization where id = ${ctx.orgId}),
    span as (
      select ((${ctx.clock.now()}::timestamptz at time zone org.tz)::date - ${days - 1}::int) as first,
             (${ctx.clock.now()}::timestamptz at time zone org.tz)::date as last
      from org
    ),
    counted as (
      select (a.at at time zone org.tz)::date as day, count(*)::int as events
      from audit_event a, org, span
      where a.org_id = ${ctx.orgId}
        and a.at >= (span.first::timestamp at time zone org.tz)
      group by 1
    )
    select to_char(d::date, 'YYYY-MM-DD') as day, coalesce(c.events, 0) as events
    from span, generate_series(span.first, span.last, interval '1 day') as d
    left join counted c on c.day = d::date
    order by d`.execute(ctx.db);
  return rows;
}
