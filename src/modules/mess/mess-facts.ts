import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Ctx } from '../../core/context/index.ts';
import { addDays, localMoment } from '../../core/time/index.ts';
import { type CycleTerms, duesOfCycles } from './dues.rules.ts';
import type { Closure, DateRange, MealWindow, MessFacts, StudentFacts, StudentStatus } from './mess.rules.ts';
import type { MessTables } from './mess.tables.ts';

const db = (ctx: Ctx) => ctx.db.withTables<MessTables>();

/** How far back closures and cycles are loaded: offline scans older than this are still judged. */
export const HISTORY_DAYS = 45;

export interface LoadedMessFacts extends MessFacts {
  cycleTerms: CycleTerms[];
}

/** Meals, recent and coming closures, and billing cycles, for `decideScan`. */
export async function loadMessFacts(ctx: Ctx, timeZone: string): Promise<LoadedMessFacts> {
  const since = addDays(localMoment(ctx.clock.now(), timeZone).date, -HISTORY_DAYS);
  const [meals, closures, cycles] = await Promise.all([
    db(ctx)
      .selectFrom('mess_meal')
      .select(['id', 'name', 'start_time', 'end_time', 'weekdays'])
      .orderBy('position')
      .orderBy('start_time')
      .execute(),
    db(ctx).selectFrom('mess_closure').select(['date', 'meal_ids']).where('date', '>=', since).execute(),
    db(ctx)
      .selectFrom('mess_cycle')
      .select(['id', 'name', 'from_date', 'to_date', 'fee_minor', 'rebate_per_day_minor', 'members_only'])
      .where('to_date', '>=', since)
      .orderBy('from_date')
      .execute(),
  ]);
  const members = await membersOf(
    ctx,
    cycles.filter((c) => c.members_only).map((c) => c.id),
  );
  const cycleTerms = cycles.map((c) => ({
    ...cycleTermsOf(c),
    ...(c.members_only && { members: members.get(c.id) ?? new Set<string>() }),
  }));
  return {
    timeZone,
    meals: meals.map(
      (m): MealWindow => ({
        id: m.id,
        name: m.name,
        start: m.start_time,
        end: m.end_time,
        weekdays: m.weekdays,
      }),
    ),
    closures: closures.map((c): Closure => ({ date: c.date, mealIds: c.meal_ids })),
    cycles: cycleTerms.map((c) => ({ id: c.id, from: c.from, to: c.to })),
    cycleTerms,
  };
}

/** The students each imported cycle bills (the original's), by cycle. */
async function membersOf(ctx: Ctx, cycleIds: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (!cycleIds.length) return out;
  const rows = await db(ctx)
    .selectFrom('mess_cycle_member')
    .select(['cycle_id', 'student_id'])
    .where('cycle_id', 'in', cycleIds)
    .execute();
  for (const r of rows) out.set(r.cycle_id, (out.get(r.cycle_id) ?? new Set()).add(r.student_id));
  return out;
}

export interface StudentRecord extends StudentFacts {
  name: string;
  rollNumber: string;
  room: string;
}

/**
 * Cycles whose dues (fee minus cut and closed-day rebates) are covered by settled payments, or by
 * the credit an over-payment carried in from the cycle before.
 */
export function paidCycles(
  cycles: ReadonlyArray<CycleTerms>,
  cuts: ReadonlyArray<DateRange>,
  payments: ReadonlyArray<{ cycle_id: string; amount_minor: string | number }>,
  closures: ReadonlyArray<Closure> = [],
  studentId?: string,
): string[] {
  const paidOf = (id: string) =>
    payments.filter((p) => p.cycle_id === id).reduce((n, p) => n + Number(p.amount_minor), 0);
  return duesOfCycles(cycles, cuts, closures, paidOf, studentId)
    .filter((d) => d.paidMinor + d.creditInMinor > 0 && d.balanceMinor <= 0)
    .map((d) => d.cycleId);
}

/**
 * Students with what the rules need: status, cuts and paid cycles, in one query. `where` narrows
 * to some students (by id or roll number); without it every student of the organization.
 */
export async function loadStudents(
  ctx: Ctx,
  cycles: ReadonlyArray<CycleTerms>,
  where: { ids?: string[]; rollNumber?: string } = {},
  closures: ReadonlyArray<Closure> = [],
): Promise<StudentRecord[]> {
  let query = db(ctx)
    .selectFrom('mess_student as s')
    .select((eb) => [
      's.id',
      's.name',
      's.roll_number',
      's.room',
      's.status',
      jsonArrayFrom(
        eb
          .selectFrom('mess_cut as c')
          .select(['c.from_date', 'c.to_date'])
          .whereRef('c.student_id', '=', 's.id')
          .whereRef('c.org_id', '=', 's.org_id'),
      ).as('cuts'),
      jsonArrayFrom(
        eb
          .selectFrom('mess_fee_payment as p')
          .select(['p.cycle_id', 'p.amount_minor'])
          .whereRef('p.student_id', '=', 's.id')
          .whereRef('p.org_id', '=', 's.org_id'),
      ).as('payments'),
    ]);
  if (where.ids) {
    if (where.ids.length === 0) return [];
    query = query.where('s.id', 'in', where.ids);
  }
  if (where.rollNumber !== undefined) query = query.where('s.roll_number', '=', where.rollNumber);
  const rows = await query.orderBy('s.roll_number').execute();
  return rows.map((r) => {
    const cuts = r.cuts.map((c) => ({ from: c.from_date, to: c.to_date }));
    return {
      id: r.id,
      name: r.name,
      rollNumber: r.roll_number,
      room: r.room,
      status: r.status as StudentStatus,
      cuts,
      paidCycleIds: paidCycles(
        cycles,
        cuts,
        r.payments.map((p) => ({ ...p, amount_minor: String(p.amount_minor) })),
        closures,
        r.id,
      ),
    };
  });
}

/** A billing cycle's row, money as the database answers it: a string, or a number from JSON. */
export interface CycleRow {
  id: string;
  name: string;
  from_date: string;
  to_date: string;
  fee_minor: number | string;
  rebate_per_day_minor: number | string;
}

/** A billing cycle's row as the dues rules read it. */
export function cycleTermsOf(c: CycleRow): CycleTerms {
  return {
    id: c.id,
    name: c.name,
    from: c.from_date,
    to: c.to_date,
    feeMinor: Number(c.fee_minor),
    rebatePerDayMinor: Number(c.rebate_per_day_minor),
  };
}
