import { sql } from 'kysely';
import type { Ctx } from '../../core/context/index.ts';
import { addDays, localMoment } from '../../core/time/index.ts';
import { CYCLE_FEE } from './fee-payments.ts';
import { type ForecastRow, forecastHeadcount } from './forecast.rules.ts';
import { upcomingWindows } from './mess.rules.ts';
import { messSettingsOf } from './mess.settings.ts';
import type { MessTables } from './mess.tables.ts';
import { loadMessFacts, loadStudents } from './mess-facts.ts';

const db = (ctx: Ctx) => ctx.db.withTables<MessTables>();

/**
 * How long fee proofs wait between the student sending them and a warden deciding (verify or deny):
 * the median and slowest of the proofs decided in the range (decided: the payment's last change), and
 * the proofs still waiting with the age of the oldest. Raw SQL is not scoped: the organization is named.
 */
export async function verificationTimes(ctx: Ctx, range: { since: Date; until: Date }) {
  const { rows } = await sql<{
    decided: string;
    median: number | null;
    slowest: number | null;
    waiting: string;
    oldest: number | null;
  }>`
    select count(*) filter (where status in ('verified', 'denied') and updated_at >= ${range.since} and updated_at < ${range.until}) as decided,
      percentile_cont(0.5) within group (order by extract(epoch from updated_at - created_at))
        filter (where status in ('verified', 'denied') and updated_at >= ${range.since} and updated_at < ${range.until}) as median,
      max(extract(epoch from updated_at - created_at))
        filter (where status in ('verified', 'denied') and updated_at >= ${range.since} and updated_at < ${range.until}) as slowest,
      count(*) filter (where status = 'submitted') as waiting,
      max(extract(epoch from ${ctx.clock.now()}::timestamptz - created_at)) filter (where status = 'submitted') as oldest
    from v_payments_payment
    where org_id = ${ctx.orgId} and purpose_type = ${CYCLE_FEE} and method = 'proof'`.execute(ctx.db);
  const r = rows[0];
  const hours = (s: number | null | undefined) =>
    s === null || s === undefined ? null : Math.round(Number(s) / 360) / 10;
  return {
    decided: Number(r?.decided ?? 0),
    medianHours: hours(r?.median),
    slowestHours: hours(r?.slowest),
    waiting: Number(r?.waiting ?? 0),
    oldestWaitingHours: hours(r?.oldest),
  };
}

/** Meals served and denied per day and meal, denial reasons, payments per cycle, cuts, approval and verification times. */
export async function messSummary(ctx: Ctx, range: { from?: string; to?: string }) {
  const { timeZone } = await messSettingsOf(ctx);
  const today = localMoment(ctx.clock.now(), timeZone).date;
  const to = range.to ?? today;
  const from = range.from ?? addDays(to, -13);
  // The range's days as instants: from its first local midnight to the one after its last day.
  const instant = (date: string) =>
    new Date(new Date(`${date}T00:00:00Z`).getTime() - offsetMs(timeZone, date));
  const [liveMeals, liveReasons, keptDays, payments, cuts, approvals, verification] = await Promise.all([
    db(ctx)
      .selectFrom('mess_scan')
      .leftJoin('mess_meal', 'mess_meal.id', 'mess_scan.meal_id')
      .select((eb) => [
        'mess_scan.local_date as date',
        'mess_meal.name as meal',
        eb.fn.countAll<string>().filterWhere('mess_scan.decision', '=', 'allowed').as('allowed'),
        eb.fn.countAll<string>().filterWhere('mess_scan.decision', '=', 'denied').as('denied'),
      ])
      .where('mess_scan.local_date', '>=', from)
      .where('mess_scan.local_date', '<=', to)
      .groupBy(['mess_scan.local_date', 'mess_meal.name'])
      .orderBy('mess_scan.local_date')
      .execute(),
    db(ctx)
      .selectFrom('mess_scan')
      .select(['reason', (eb) => eb.fn.countAll<string>().as('count')])
      .where('decision', '=', 'denied')
      .where('local_date', '>=', from)
      .where('local_date', '<=', to)
      .groupBy('reason')
      .execute(),
    // days whose scans the retention cleanup removed keep their counts here
    db(ctx)
      .selectFrom('mess_scan_day')
      .leftJoin('mess_meal', 'mess_meal.id', 'mess_scan_day.meal_id')
      .select(['mess_scan_day.local_date as date', 'mess_meal.name as meal', 'decision', 'reason', 'scans'])
      .where('mess_scan_day.local_date', '>=', from)
      .where('mess_scan_day.local_date', '<=', to)
      .execute(),
    db(ctx)
      .selectFrom('mess_cycle')
      .leftJoin('mess_fee_payment', 'mess_fee_payment.cycle_id', 'mess_cycle.id')
      .select((eb) => [
        'mess_cycle.id as cycleId',
        'mess_cycle.name',
        'mess_cycle.currency',
        eb.fn.coalesce(eb.fn.sum<string>('mess_fee_payment.amount_minor'), sql<string>`0`).as('paidMinor'),
        eb.fn.count<string>('mess_fee_payment.student_id').distinct().as('students'),
      ])
      .groupBy(['mess_cycle.id', 'mess_cycle.name', 'mess_cycle.currency'])
      .orderBy('mess_cycle.from_date', 'desc')
      .execute(),
    db(ctx)
      .selectFrom('mess_cut')
      .select((eb) => [
        eb.fn.countAll<string>().as('cuts'),
        eb.fn.count<string>('student_id').distinct().as('students'),
      ])
      .where('to_date', '>=', from)
      .where('from_date', '<=', to)
      .executeTakeFirstOrThrow(),
    db(ctx)
      .selectFrom('mess_student')
      .select((eb) => [
        eb.fn.countAll<string>().filterWhere('status', '=', 'pending').as('pending'),
        eb.fn.count<string>('decided_at').as('decided'),
        sql<string | null>`avg(extract(epoch from (decided_at - registered_at)) / 3600)`.as('avgHours'),
      ])
      .executeTakeFirstOrThrow(),
    verificationTimes(ctx, { since: instant(from), until: instant(addDays(to, 1)) }),
  ]);
  const { meals, reasons } = withKeptDays(liveMeals, liveReasons, keptDays);
  return {
    from,
    to,
    meals: meals.map((m) => ({
      date: m.date ?? '',
      meal: m.meal ?? '-',
      allowed: Number(m.allowed),
      denied: Number(m.denied),
    })),
    denials: reasons.map((r) => ({ reason: r.reason ?? '', count: Number(r.count) })),
    payments: payments.map((p) => ({ ...p, paidMinor: Number(p.paidMinor), students: Number(p.students) })),
    cuts: { cuts: Number(cuts.cuts), students: Number(cuts.students) },
    approvals: {
      pending: Number(approvals.pending),
      decided: Number(approvals.decided),
      avgHours: approvals.avgHours === null ? null : Math.round(Number(approvals.avgHours) * 10) / 10,
    },
    verification,
  };
}

/** The zone's offset from UTC at noon of `date`, in milliseconds (Asia/Kolkata: +5:30). */
function offsetMs(timeZone: string, date: string): number {
  const noon = new Date(`${date}T12:00:00Z`);
  const local = new Date(noon.toLocaleString('en-US', { timeZone }));
  const utc = new Date(noon.toLocaleString('en-US', { timeZone: 'UTC' }));
  return local.getTime() - utc.getTime();
}

type MealRow = {
  date: string | null;
  meal: string | null;
  allowed: string | number;
  denied: string | number;
};
type ReasonRow = { reason: string | null; count: string | number };

/** Adds the counts kept of removed scans (`mess_scan_day`) to the counts of the scans still stored. */
function withKeptDays(
  meals: MealRow[],
  reasons: ReasonRow[],
  kept: ReadonlyArray<{ date: string; meal: string | null; decision: string; reason: string; scans: number }>,
) {
  if (!kept.length) return { meals, reasons };
  const byMeal = new Map(meals.map((m) => [`${m.date}|${m.meal}`, { ...m }]));
  const byReason = new Map(reasons.map((r) => [r.reason ?? '', { ...r }]));
  for (const k of kept) {
    const key = `${k.date}|${k.meal}`;
    const row = byMeal.get(key) ?? { date: k.date, meal: k.meal, allowed: 0, denied: 0 };
    if (k.decision === 'allowed') row.allowed = Number(row.allowed) + k.scans;
    else row.denied = Number(row.denied) + k.scans;
    byMeal.set(key, row);
    if (k.decision === 'denied') {
      const r = byReason.get(k.reason) ?? { reason: k.reason, count: 0 };
      r.count = Number(r.count) + k.scans;
      byReason.set(k.reason, r);
    }
  }
  return {
    meals: [...byMeal.values()].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '')),
    reasons: [...byReason.values()],
  };
}

/** Headcount for the next meal windows, from approvals, cuts, closures and the last two weeks' attendance. */
export async function headcountForecast(ctx: Ctx, count: number): Promise<ForecastRow[]> {
  const { timeZone } = await messSettingsOf(ctx);
  const facts = await loadMessFacts(ctx, timeZone);
  const today = localMoment(ctx.clock.now(), timeZone).date;
  const [students, served] = await Promise.all([
    loadStudents(ctx, facts.cycleTerms, {}, facts.closures),
    db(ctx)
      .selectFrom('mess_scan')
      .select([
        'meal_id',
        (eb) => eb.fn.countAll<string>().as('served'),
        (eb) => eb.fn.count<string>('local_date').distinct().as('days'),
      ])
      .where('decision', '=', 'allowed')
      .where('local_date', '>=', addDays(today, -14))
      .where('local_date', '<', today)
      .groupBy('meal_id')
      .execute(),
  ]);
  const approved = students.filter((s) => s.status === 'approved').length;
  const rates: Record<string, number> = {};
  for (const row of served) {
    if (row.meal_id && approved > 0) rates[row.meal_id] = Number(row.served) / Number(row.days) / approved;
  }
  return forecastHeadcount({
    windows: upcomingWindows(ctx.clock.now(), timeZone, facts.meals, count),
    students,
    closures: facts.closures,
    attendanceRates: rates,
  });
}
