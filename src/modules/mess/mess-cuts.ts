import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { addDays } from '../../core/time/index.ts';
import { MessErrors } from './mess.errors.ts';
import type { DateRange } from './mess.rules.ts';
import { messSettingsOf } from './mess.settings.ts';
import type { MessTables } from './mess.tables.ts';
import { decideCut, earliestCutStart } from './mess-cuts.rules.ts';
import { loadMessFacts } from './mess-facts.ts';
import { getStudent } from './students.ts';

const db = (ctx: Ctx) => ctx.db.withTables<MessTables>();

/** A student's mess cuts, earliest first. */
export async function listCuts(ctx: Ctx, studentId: string): Promise<Array<DateRange & { id: string }>> {
  const rows = await db(ctx)
    .selectFrom('mess_cut')
    .select(['id', 'from_date', 'to_date'])
    .where('student_id', '=', studentId)
    .orderBy('from_date')
    .execute();
  return rows.map((r) => ({ id: r.id, from: r.from_date, to: r.to_date }));
}

/**
 * Books a mess cut, enforced here on the server whatever the client showed: tomorrow at the
 * earliest and before today's cutoff for tomorrow, merged with the student's overlapping cuts,
 * within the per-cycle cap. The student row is locked so two requests cannot both pass the cap.
 */
export async function applyMessCut(
  ctx: Ctx,
  input: { studentId: string; range: DateRange; source: 'bot' | 'console' | 'api' },
): Promise<DateRange & { id: string }> {
  return inTransaction(ctx, async (tx) => {
    await getStudent(tx, input.studentId, { forUpdate: true });
    const settings = await messSettingsOf(tx);
    const [existing, facts] = await Promise.all([
      listCuts(tx, input.studentId),
      loadMessFacts(tx, settings.timeZone),
    ]);
    const decision = decideCut({
      at: tx.clock.now(),
      timeZone: settings.timeZone,
      cutoff: settings.cutoffTime,
      range: input.range,
      existing,
      cycles: facts.cycles,
      maxDaysPerCycle: settings.maxCutDaysPerCycle,
    });
    if (!decision.ok) throw MessErrors[decision.reason]({ ...input.range, ...decision.details });
    if (decision.replaces.length > 0)
      await db(tx).deleteFrom('mess_cut').where('id', 'in', decision.replaces).execute();
    const row = await db(tx)
      .insertInto('mess_cut')
      .values({
        student_id: input.studentId,
        from_date: decision.merged.from,
        to_date: decision.merged.to,
        source: input.source,
      })
      .returning(['id', 'from_date', 'to_date'])
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      action: 'mess.cut.created',
      subject: { type: 'mess_student', id: input.studentId },
      before: existing.filter((c) => decision.replaces.includes(c.id)),
      after: { requested: input.range, merged: decision.merged, source: input.source },
    });
    return { id: row.id, from: row.from_date, to: row.to_date };
  });
}

/**
 * Cancels a cut for a student (staff on their behalf): the days the kitchen has not planned for
 * yet (from the earliest day a new cut could start) are given back; days already planned stay
 * cut. A cut wholly in the planned past is refused. Audited as `mess.cut.cancelled`.
 */
export async function cancelMessCut(
  ctx: Ctx,
  input: { studentId: string; cutId: string },
): Promise<{ removed: DateRange; kept: DateRange | null }> {
  return inTransaction(ctx, async (tx) => {
    await getStudent(tx, input.studentId, { forUpdate: true });
    const cut = (await listCuts(tx, input.studentId)).find((c) => c.id === input.cutId);
    if (!cut) throw MessErrors.cut_not_found({ id: input.cutId });
    const settings = await messSettingsOf(tx);
    const earliest = earliestCutStart(tx.clock.now(), settings.timeZone, settings.cutoffTime);
    if (cut.to < earliest) throw MessErrors.cut_locked({ from: cut.from, to: cut.to, earliest });
    const kept = cut.from < earliest ? { from: cut.from, to: addDays(earliest, -1) } : null;
    if (kept)
      await db(tx).updateTable('mess_cut').set({ to_date: kept.to }).where('id', '=', cut.id).execute();
    else await db(tx).deleteFrom('mess_cut').where('id', '=', cut.id).execute();
    const removed = { from: kept ? earliest : cut.from, to: cut.to };
    await recordAudit(tx, {
      action: 'mess.cut.cancelled',
      subject: { type: 'mess_student', id: input.studentId },
      before: { from: cut.from, to: cut.to },
      after: { removed, kept },
    });
    return { removed, kept };
  });
}
