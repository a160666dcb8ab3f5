import type { Ctx } from '../../../core/context/index.ts';
import {
  choiceField,
  dateField,
  FieldProblem,
  type ImportModel,
  textField,
} from '../../../core/imports/index.ts';
import { addDays } from '../../../core/time/index.ts';
import type { MessTables } from '../mess.tables.ts';
import { instantField, studentOf } from './original-records.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<MessTables>();

export interface ImportedCut {
  studentId: string;
  from: string;
  to: string;
  source: 'bot' | 'console';
  createdAt: Date | null;
}

/**
 * `core.messcut` (table `mess_cuts`) → `mess_cut`: a student's leave as applied, by the student in
 * the bot (STUDENT) or by staff (ADMIN_SYSTEM); dates changed in the original since come again.
 */
export const cutsImport: ImportModel<ImportedCut> = {
  model: 'core.messcut',
  label: 'mess cuts',
  table: { name: 'mess_cuts', pk: 'id' },
  foreignKeys: ['student'],
  async begin(_ctx, refs) {
    return {
      parse(record) {
        const f = record.fields;
        const from = dateField(f, 'from_date', { required: true })!;
        const to = dateField(f, 'to_date', { required: true })!;
        if (to < from) throw new FieldProblem('to_date', `is before from_date (${from})`);
        const by = choiceField(f, 'applied_by', ['student', 'admin_system']);
        return {
          row: {
            studentId: studentOf(refs, record),
            from,
            to,
            source: by === 'admin_system' ? 'console' : 'bot',
            createdAt: instantField(f, 'applied_at') ?? instantField(f, 'created_at'),
          },
        };
      },
      async write(tx, rows) {
        const inserted = await tables(tx)
          .insertInto('mess_cut')
          .values(
            rows.map((c) => ({
              student_id: c.studentId,
              from_date: c.from,
              to_date: c.to,
              source: c.source,
              ...(c.createdAt ? { created_at: c.createdAt } : {}),
            })),
          )
          .returning('id')
          .execute();
        return inserted.map((r) => r.id);
      },
      async update(tx, rows) {
        for (const { id, row } of rows)
          await tables(tx)
            .updateTable('mess_cut')
            .set({ student_id: row.studentId, from_date: row.from, to_date: row.to, source: row.source })
            .where('id', '=', id)
            .execute();
      },
    };
  },
};

export interface ImportedClosure {
  days: string[];
  reason: string;
  /** When the original made it: every day of it is written with this time, so its days are found again. */
  createdAt: Date;
}

/** The longest closure that comes over (one `mess_closure` row per day). */
const MAX_CLOSURE_DAYS = 366;

/**
 * `core.messclosure` (table `mess_closures`, a range of days) → one whole-day `mess_closure` per
 * day, each written with the closure's own creation time; its first day is its target. The days it
 * closes are noted in `closedDays` (every run reads every closure), so a scan the original blocked on
 * a closed day reads as `mess_closed`, not as a cut.
 */
export const closuresImport = (closedDays: Set<string>): ImportModel<ImportedClosure> => ({
  model: 'core.messclosure',
  label: 'closures',
  table: { name: 'mess_closures', pk: 'id' },
  async begin(ctx) {
    return {
      parse(record) {
        const f = record.fields;
        const from = dateField(f, 'from_date', { required: true })!;
        const to = dateField(f, 'to_date') ?? from;
        if (to < from) throw new FieldProblem('to_date', `is before from_date (${from})`);
        const days: string[] = [];
        for (let d = from; d <= to; d = addDays(d, 1)) {
          days.push(d);
          if (days.length > MAX_CLOSURE_DAYS)
            throw new FieldProblem('to_date', `closes more than ${MAX_CLOSURE_DAYS} days`);
        }
        for (const d of days) closedDays.add(d);
        return {
          row: {
            days,
            reason: textField(f, 'reason', { max: 500 }) ?? '',
            createdAt: instantField(f, 'created_at') ?? ctx.clock.now(),
          },
        };
      },
      async write(tx, rows) {
        const inserted = await tables(tx)
          .insertInto('mess_closure')
          .values(
            rows.flatMap((c) =>
              c.days.map((date) => ({ date, reason: c.reason, meal_ids: null, created_at: c.createdAt })),
            ),
          )
          .returning('id')
          .execute();
        // Rows come back in the order given: each closure's first day is where its days start.
        const ids: string[] = [];
        let at = 0;
        for (const c of rows) {
          ids.push(inserted[at]!.id);
          at += c.days.length;
        }
        return ids;
      },
      /** New days or reason: the closure's days (its first row and those written with it) are written again. */
      async update(tx, rows) {
        for (const { id, row } of rows) {
          const first = await tables(tx)
            .selectFrom('mess_closure')
            .select(['created_at', 'reason'])
            .where('id', '=', id)
            .executeTakeFirst();
          if (!first) continue;
          await tables(tx)
            .deleteFrom('mess_closure')
            .where('id', '<>', id)
            .where('created_at', '=', first.created_at)
            .where('reason', '=', first.reason)
            .where('meal_ids', 'is', null)
            .execute();
          const [day, ...rest] = row.days;
          await tables(tx)
            .updateTable('mess_closure')
            .set({ date: day!, reason: row.reason })
            .where('id', '=', id)
            .execute();
          if (rest.length)
            await tables(tx)
              .insertInto('mess_closure')
              .values(
                rest.map((date) => ({
                  date,
                  reason: row.reason,
                  meal_ids: null,
                  created_at: first.created_at,
                })),
              )
              .execute();
        }
      },
    };
  },
});
