import { sql } from 'kysely';
import type { Ctx } from '../../core/context/index.ts';
import { PAYER_SEARCH_LIMIT, type PaymentPurposeLabel, payerWordPattern } from '../../core/payments/index.ts';
import { isUuid } from '../../platform/ids/index.ts';
import { CYCLE_FEE } from './fee-payments.ts';
import type { MessTables } from './mess.tables.ts';

/**
 * What a mess fee payment pays for, in words staff read in the review queue: "Mess fee, cycle
 * November — roll HI22017" (`mess.purpose.cycleFee` in the console catalogs), linked to the student.
 * Purpose ids are `<studentId>:<cycleId>` (see `feePurpose`). Payments also find a purpose through
 * it: an id it leaves out is refused when a payment is made for it.
 */
export async function feePurposeLabels(
  ctx: Ctx,
  purposeIds: ReadonlyArray<string>,
): Promise<ReadonlyMap<string, PaymentPurposeLabel>> {
  // Exactly `<uuid>:<uuid>`: any other id names no fee (and is never sent to a uuid column).
  const pairs = purposeIds
    .map((id) => ({ id, parts: id.split(':') }))
    .filter((p) => p.parts.length === 2 && p.parts.every(isUuid))
    .map((p) => ({ id: p.id, studentId: p.parts[0]!, cycleId: p.parts[1]! }));
  if (!pairs.length) return new Map();
  const db = ctx.db.withTables<MessTables>();
  const [students, cycles] = await Promise.all([
    db
      .selectFrom('mess_student')
      .select(['id', 'name', 'roll_number', 'phone'])
      .where('id', 'in', [...new Set(pairs.map((p) => p.studentId))])
      .execute(),
    db
      .selectFrom('mess_cycle')
      .select(['id', 'name'])
      .where('id', 'in', [...new Set(pairs.map((p) => p.cycleId))])
      .execute(),
  ]);
  const student = new Map(students.map((s) => [s.id, s]));
  const cycle = new Map(cycles.map((c) => [c.id, c]));
  const labels = new Map<string, PaymentPurposeLabel>();
  for (const p of pairs) {
    const s = student.get(p.studentId);
    const c = cycle.get(p.cycleId);
    if (!s || !c) continue;
    labels.set(p.id, {
      key: 'mess.purpose.cycleFee',
      params: { cycle: c.name, roll: s.roll_number },
      record: { resource: 'mess.students', id: s.id },
      payer: s.name,
      ...(s.phone ? { phone: s.phone } : {}),
    });
  }
  return labels;
}

/**
 * The fee purposes paid for by students whose name, roll number or phone holds a word typed in the
 * payments list's search: those of the organization's fee payments (`<studentId>:<cycleId>`).
 */
export async function feePurposesOfPayer(ctx: Ctx, word: string): Promise<string[]> {
  const found = await sql<{ purpose_id: string }>`
    select distinct p.purpose_id from v_payments_payment p
    join mess_student s on s.id::text = split_part(p.purpose_id, ':', 1) and s.org_id = p.org_id
    where p.org_id = ${ctx.orgId} and p.purpose_type = ${CYCLE_FEE}
      and concat_ws(' ', s.name, s.roll_number, s.phone) ilike ${payerWordPattern(word)}
    limit ${PAYER_SEARCH_LIMIT}`.execute(ctx.db);
  return found.rows.map((r) => r.purpose_id);
}
