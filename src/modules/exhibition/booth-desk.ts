import type { Ctx } from '../../core/context/index.ts';
import { sql } from '../../platform/db/index.ts';
import type { Biller } from './bills.ts';
import { BOOTH_VOID_WINDOW_MS } from './exhibition.rules.ts';

/** A booth as its staff's phone shows it: the exhibition, and the booth's takings today and overall. */
export interface BillerBoothView {
  id: string;
  name: string;
  exhibitionId: string;
  exhibitionName: string;
  currency: string;
  /** The exhibition's local date now ('YYYY-MM-DD'), the day `today` counts. */
  businessDate: string;
  today: { billCount: number; totalMinor: number };
  overall: { billCount: number; totalMinor: number };
  /** Bills above this amount (minor units) need the biller's confirmation. */
  confirmAboveMinor: number;
  /** How long after billing the biller may void their own bill at the booth. */
  voidWindowSeconds: number;
}

type Row = Omit<BillerBoothView, 'today' | 'overall' | 'confirmAboveMinor' | 'voidWindowSeconds'> & {
  confirmAboveMinor: string;
  todayCount: string;
  todayMinor: string;
  overallCount: string;
  overallMinor: string;
};

/**
 * The booths a biller may bill at, with live totals of active bills: booth staff get the booths
 * they are assigned to; desk staff (any booth) every booth of exhibitions that have not ended.
 * "Today" is the exhibition's local date at the injected clock's now.
 */
export async function boothsOfBiller(ctx: Ctx, biller: Biller): Promise<BillerBoothView[]> {
  const now = ctx.clock.now();
  const mine = biller.billsAnyBooth
    ? sql`(now_local.d <= e.ends_on)`
    : sql`exists (select 1 from exhibition_booth_staff s
        where s.org_id = bo.org_id and s.booth_id = bo.id and s.user_id = ${biller.userId}::uuid)`;
  // Raw SQL is not org-scoped by the data layer: the org filter is written here.
  const result = await sql<Row>`
    select bo.id, bo.name, e.id as "exhibitionId", e.name as "exhibitionName", e.currency,
      e.confirm_above_minor as "confirmAboveMinor",
      to_char(now_local.d, 'YYYY-MM-DD') as "businessDate",
      count(b.id) filter (where b.business_date = now_local.d) as "todayCount",
      coalesce(sum(b.amount_minor) filter (where b.business_date = now_local.d), 0) as "todayMinor",
      count(b.id) as "overallCount", coalesce(sum(b.amount_minor), 0) as "overallMinor"
    from exhibition_booth bo
    join exhibition_exhibition e on e.id = bo.exhibition_id and e.org_id = bo.org_id
    cross join lateral (select (${now}::timestamptz at time zone e.time_zone)::date as d) now_local
    left join exhibition_bill b on b.booth_id = bo.id and b.org_id = bo.org_id and b.status = 'active'
    where bo.org_id = ${ctx.orgId} and ${mine}
    group by bo.id, bo.name, e.id, e.name, e.currency, e.confirm_above_minor, e.starts_on, now_local.d
    order by e.starts_on desc, bo.name`.execute(ctx.db);
  return result.rows.map(({ todayCount, todayMinor, overallCount, overallMinor, ...booth }) => ({
    ...booth,
    confirmAboveMinor: Number(booth.confirmAboveMinor),
    voidWindowSeconds: BOOTH_VOID_WINDOW_MS / 1000,
    currency: booth.currency.trim(),
    today: { billCount: Number(todayCount), totalMinor: Number(todayMinor) },
    overall: { billCount: Number(overallCount), totalMinor: Number(overallMinor) },
  }));
}
