import type { Ctx } from '../../../core/context/index.ts';
import { toDecimalString } from '../../../core/money/index.ts';
import { listPayments, type Payment } from '../../../core/payments/index.ts';
import { addDays, localMoment } from '../../../core/time/index.ts';
import { isUuid } from '../../../platform/ids/index.ts';
import { CYCLE_FEE } from '../fee-payments.ts';
import { messSettingsOf } from '../mess.settings.ts';
import type { MessTables } from '../mess.tables.ts';
import { V1_PAYMENT_STATUS } from './v1.contract.ts';

/*
 * What the original's list and report paths answer, read from the same rows the console reads:
 * cycle fees are core payments whose purpose is `mess.cycle_fee` (`<studentId>:<cycleId>`).
 */

const db = (ctx: Ctx) => ctx.db.withTables<MessTables>();

/** The rows a query reads for some ids, none without a query when there are none (`in ()` is not SQL). */
const unlessNone = <T>(ids: string[], read: (ids: string[]) => Promise<T[]>): Promise<T[]> =>
  ids.length ? read(ids) : Promise.resolve([]);

/** The student and cycle a fee's purpose id names (`<studentId>:<cycleId>`), or null for any other id. */
function feeRef(purposeId: string): { studentId: string; cycleId: string } | null {
  const parts = purposeId.split(':');
  if (parts.length !== 2 || !parts.every(isUuid)) return null;
  return { studentId: parts[0]!, cycleId: parts[1]! };
}

/**
 * Cycle-fee payments in the original's shape (student and cycle named as it named them). A payment
 * whose purpose names no student and cycle (stored before purposes were checked, issue 55 item 3)
 * has no shape in the original: it is left out (never sent to a uuid column); the console's
 * payments list still shows it, and its proof can be denied.
 */
export async function v1Payments(ctx: Ctx, all: Payment[]) {
  const payments = all.filter((p) => feeRef(p.purpose.id));
  const refs = payments.map((p) => feeRef(p.purpose.id)!);
  const studentIds = [...new Set(refs.map((r) => r.studentId).filter(Boolean))];
  const cycleIds = [...new Set(refs.map((r) => r.cycleId).filter(Boolean))];
  const [students, cycles] = await Promise.all([
    unlessNone(studentIds, (ids) =>
      db(ctx)
        .selectFrom('mess_student')
        .select(['id', 'name', 'roll_number'])
        .where('id', 'in', ids)
        .execute(),
    ),
    unlessNone(cycleIds, (ids) =>
      db(ctx)
        .selectFrom('mess_cycle')
        .select(['id', 'from_date', 'to_date'])
        .where('id', 'in', ids)
        .execute(),
    ),
  ]);
  return payments.map((p, i) => {
    const student = students.find((s) => s.id === refs[i]!.studentId);
    const cycle = cycles.find((c) => c.id === refs[i]!.cycleId);
    return {
      id: p.id,
      student: refs[i]!.studentId,
      student_name: student?.name ?? '',
      student_roll: student?.roll_number ?? '',
      cycle_start: cycle?.from_date ?? null,
      cycle_end: cycle?.to_date ?? null,
      amount: toDecimalString(p.amount),
      screenshot_url: p.proofFileId ? `/api/files/${p.proofFileId}` : null,
      status: V1_PAYMENT_STATUS[p.status] ?? p.status.toUpperCase(),
      source: p.method === 'proof' ? ('ONLINE_SCREENSHOT' as const) : ('OFFLINE_MANUAL' as const),
      reviewed_at: (p.verifiedAt ?? p.deniedAt)?.toISOString() ?? null,
      created_at: p.createdAt.toISOString(),
    };
  });
}

const OUR_STATUS = { verified: 'verified', uploaded: 'submitted', denied: 'denied' } as const;

/** `GET /api/v1/admin/reports/payments`: counts by status and the latest 50, or who has paid nothing. */
export async function v1PaymentReport(ctx: Ctx, filters: { status?: string }) {
  if (filters.status === 'not_uploaded') {
    const [paid, submitted] = await Promise.all([
      db(ctx).selectFrom('mess_fee_payment').select('student_id').distinct().execute(),
      listPayments(ctx, { purposeType: CYCLE_FEE, status: 'submitted', limit: 10_000 }),
    ]);
    const some = new Set([
      ...paid.map((p) => p.student_id),
      ...submitted.items.map((p) => feeRef(p.purpose.id)?.studentId),
    ]);
    const students = (
      await db(ctx)
        .selectFrom('mess_student')
        .select(['id', 'name', 'roll_number', 'status'])
        .orderBy('roll_number')
        .execute()
    ).filter((s) => !some.has(s.id));
    return {
      type: 'students_without_payment',
      count: students.length,
      students: students
        .slice(0, 100)
        .map((s) => ({ id: s.id, name: s.name, roll_no: s.roll_number, status: s.status.toUpperCase() })),
    };
  }
  const only = filters.status ? OUR_STATUS[filters.status as keyof typeof OUR_STATUS] : undefined;
  const [recent, ...counts] = await Promise.all([
    listPayments(ctx, { purposeType: CYCLE_FEE, status: only, limit: 50 }),
    ...(['verified', 'submitted', 'denied'] as const).map((status) =>
      only && only !== status
        ? Promise.resolve({ total: 0 })
        : listPayments(ctx, { purposeType: CYCLE_FEE, status, limit: 1 }),
    ),
  ]);
  return {
    type: 'payment_summary',
    total_count: recent.total,
    status_counts: { verified: counts[0]!.total, uploaded: counts[1]!.total, denied: counts[2]!.total },
    recent_payments: (await v1Payments(ctx, recent.items)).map((p) => ({
      id: p.id,
      student_name: p.student_name,
      student_roll: p.student_roll,
      amount: Number(p.amount),
      cycle_start: p.cycle_start,
      cycle_end: p.cycle_end,
      status: p.status,
      created_at: p.created_at,
    })),
  };
}

/** `GET /api/v1/admin/reports/mess-cuts`: cuts in the period, and the next week's by their first day. */
export async function v1MessCutReport(
  ctx: Ctx,
  filters: { from_date?: string; to_date?: string; student_id?: string },
) {
  const { timeZone } = await messSettingsOf(ctx);
  const today = localMoment(ctx.clock.now(), timeZone).date;
  const from = filters.from_date ?? addDays(today, -30);
  const to = filters.to_date ?? addDays(today, 30);
  let query = db(ctx)
    .selectFrom('mess_cut')
    .innerJoin('mess_student', 'mess_student.id', 'mess_cut.student_id')
    .select([
      'mess_cut.id',
      'mess_cut.from_date',
      'mess_cut.to_date',
      'mess_cut.created_at',
      'mess_student.name',
      'mess_student.roll_number',
    ])
    .where('mess_cut.from_date', '>=', from)
    .where('mess_cut.to_date', '<=', to);
  if (filters.student_id) query = query.where('mess_cut.student_id', '=', filters.student_id);
  const cuts = await query.orderBy('mess_cut.from_date').execute();
  const weekEnd = addDays(today, 7);
  const upcoming: Record<string, unknown[]> = {};
  for (const c of cuts.filter((c) => c.from_date >= today && c.from_date <= weekEnd)) {
    upcoming[c.from_date] ??= [];
    upcoming[c.from_date]!.push({
      id: c.id,
      student_name: c.name,
      student_roll: c.roll_number,
      from_date: c.from_date,
      to_date: c.to_date,
      applied_at: c.created_at.toISOString(),
    });
  }
  return {
    total_count: cuts.length,
    upcoming_cuts_by_date: upcoming,
    summary_period: { from_date: from, to_date: to },
  };
}
