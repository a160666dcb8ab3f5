import type { Ctx } from '../../core/context/index.ts';
import { sql } from '../../platform/db/index.ts';
import { getExhibition } from './exhibitions.ts';

interface Tally {
  billCount: number;
  totalMinor: number;
}
export interface HourTally extends Tally {
  /** Hour of the day (0–23) in the exhibition's time zone. */
  hour: number;
}
export interface TopCustomer extends Tally {
  customerId: string;
  name: string;
  code: string;
}
export interface DashboardBooth {
  boothId: string;
  boothName: string;
  today: Tally;
  overall: Tally;
  perHour: HourTally[];
  topCustomers: TopCustomer[];
}
/** The organizer's view of an exhibition today: each booth's takings, hour by hour, and best customers. */
export interface BoothDashboardView {
  exhibitionId: string;
  currency: string;
  timeZone: string;
  /** The exhibition's local date now ('YYYY-MM-DD'): the day `today` and `perHour` count. */
  businessDate: string;
  booths: DashboardBooth[];
  totals: { today: Tally; overall: Tally; perHour: HourTally[]; topCustomers: TopCustomer[] };
}

/** How many customers each top list shows. */
export const TOP_CUSTOMERS = 5;

const tally = (count: string | number, minor: string | number): Tally => ({
  billCount: Number(count),
  totalMinor: Number(minor),
});

/**
 * Active bills of an exhibition added up per booth (today and overall), per hour of today in the
 * exhibition's time zone, and its best customers per booth and overall; exact in minor units.
 * "Today" is the exhibition's local date at the injected clock's now.
 */
export async function boothDashboard(ctx: Ctx, exhibitionId: string): Promise<BoothDashboardView> {
  const exhibition = await getExhibition(ctx, exhibitionId);
  const now = ctx.clock.now();
  const { rows: day } = await sql<{ d: string }>`
    select to_char((${now}::timestamptz at time zone ${exhibition.timeZone})::date, 'YYYY-MM-DD') as d`.execute(
    ctx.db,
  );
  const today = day[0]!.d;
  // Raw SQL is not org-scoped by the data layer: the org filter is written in each statement.
  const booths = await sql<{
    boothId: string;
    boothName: string;
    tc: string;
    tm: string;
    oc: string;
    om: string;
  }>`
    select bo.id as "boothId", bo.name as "boothName",
      count(b.id) filter (where b.business_date = ${today}::date) as tc,
      coalesce(sum(b.amount_minor) filter (where b.business_date = ${today}::date), 0) as tm,
      count(b.id) as oc, coalesce(sum(b.amount_minor), 0) as om
    from exhibition_booth bo
    left join exhibition_bill b on b.booth_id = bo.id and b.org_id = bo.org_id and b.status = 'active'
    where bo.org_id = ${ctx.orgId} and bo.exhibition_id = ${exhibition.id}::uuid
    group by bo.id, bo.name order by bo.name`.execute(ctx.db);
  const hours = await sql<{ boothId: string; hour: number; c: string; m: string }>`
    select b.booth_id as "boothId",
      extract(hour from b.created_at at time zone ${exhibition.timeZone})::int as hour,
      count(*) as c, sum(b.amount_minor) as m
    from exhibition_bill b join exhibition_booth bo on bo.id = b.booth_id and bo.org_id = b.org_id
    where b.org_id = ${ctx.orgId} and bo.exhibition_id = ${exhibition.id}::uuid
      and b.status = 'active' and b.business_date = ${today}::date
    group by 1, 2 order by 2`.execute(ctx.db);
  const tops = await sql<{
    boothId: string;
    customerId: string;
    name: string;
    code: string;
    c: string;
    m: string;
  }>`
    select "boothId", "customerId", name, code, c, m from (
      select b.booth_id as "boothId", c.id as "customerId", c.name, c.code, count(*) as c,
        sum(b.amount_minor) as m,
        row_number() over (partition by b.booth_id order by sum(b.amount_minor) desc, c.name) as rank
      from exhibition_bill b
      join exhibition_booth bo on bo.id = b.booth_id and bo.org_id = b.org_id
      join exhibition_customer c on c.id = b.customer_id and c.org_id = b.org_id
      where b.org_id = ${ctx.orgId} and bo.exhibition_id = ${exhibition.id}::uuid and b.status = 'active'
      group by b.booth_id, c.id, c.name, c.code) ranked
    where rank <= ${TOP_CUSTOMERS} order by "boothId", rank`.execute(ctx.db);
  const overallTop = await sql<{ customerId: string; name: string; code: string; c: string; m: string }>`
    select id as "customerId", name, code, bill_count as c, total_minor as m
    from exhibition_customer
    where org_id = ${ctx.orgId} and exhibition_id = ${exhibition.id}::uuid and merged_into_id is null
      and bill_count > 0
    order by total_minor desc, name limit ${TOP_CUSTOMERS}`.execute(ctx.db);

  const toTop = (r: {
    customerId: string;
    name: string;
    code: string;
    c: string;
    m: string;
  }): TopCustomer => ({
    customerId: r.customerId,
    name: r.name,
    code: r.code,
    ...tally(r.c, r.m),
  });
  const perBooth: DashboardBooth[] = booths.rows.map((b) => ({
    boothId: b.boothId,
    boothName: b.boothName,
    today: tally(b.tc, b.tm),
    overall: tally(b.oc, b.om),
    perHour: hours.rows
      .filter((h) => h.boothId === b.boothId)
      .map((h) => ({ hour: Number(h.hour), ...tally(h.c, h.m) })),
    topCustomers: tops.rows.filter((t) => t.boothId === b.boothId).map(toTop),
  }));
  return {
    exhibitionId: exhibition.id,
    currency: exhibition.currency,
    timeZone: exhibition.timeZone,
    businessDate: today,
    booths: perBooth,
    totals: {
      today: sumOf(perBooth.map((b) => b.today)),
      overall: sumOf(perBooth.map((b) => b.overall)),
      perHour: hoursAcross(perBooth),
      topCustomers: overallTop.rows.map(toTop),
    },
  };
}

const sumOf = (tallies: Tally[]): Tally =>
  tallies.reduce(
    (s, t) => ({ billCount: s.billCount + t.billCount, totalMinor: s.totalMinor + t.totalMinor }),
    {
      billCount: 0,
      totalMinor: 0,
    },
  );

/** Every booth's hours added up, hour by hour. */
export function hoursAcross(booths: Array<Pick<DashboardBooth, 'perHour'>>): HourTally[] {
  const byHour = new Map<number, HourTally>();
  for (const h of booths.flatMap((b) => b.perHour)) {
    const sum = byHour.get(h.hour) ?? { hour: h.hour, billCount: 0, totalMinor: 0 };
    byHour.set(h.hour, {
      hour: h.hour,
      billCount: sum.billCount + h.billCount,
      totalMinor: sum.totalMinor + h.totalMinor,
    });
  }
  return [...byHour.values()].sort((a, b) => a.hour - b.hour);
}
