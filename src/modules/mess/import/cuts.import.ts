import {
  dateField,
  dateTimeField,
  FieldProblem,
  type ImportModel,
  type ImportRefs,
  type SourceRecord,
  targetOf,
  textField,
} from '../../../core/imports/index.ts';
import { addDays } from '../../../core/time/index.ts';
import type { MessTables } from '../mess.tables.ts';

/** The Opsdesk id of the student a record points to; a refusal naming the field when that student did not come over. */
export const studentOf = (refs: ImportRefs, record: SourceRecord, field = 'student'): string =>
  targetOf(refs, record, field, 'mess.student', 'student', { required: true })!;

export interface ImportedCut {
  studentId: string;
  from: string;
  to: string;
  source: 'bot' | 'console';
  createdAt: Date | null;
}

/** `mess.messcut` → `mess_cut`: a student's leave, as applied (by the student in the bot, else by staff). */
export const cutsImport: ImportModel<ImportedCut> = {
  model: 'mess.messcut',
  label: 'mess cuts',
  foreignKeys: ['student'],
  async begin(_ctx, refs) {
    return {
      parse(record) {
        const f = record.fields;
        const from = dateField(f, 'from_date', { required: true })!;
        const to = dateField(f, 'to_date', { required: true })!;
        if (to < from) throw new FieldProblem('to_date', `is before from_date (${from})`);
        return {
          row: {
            studentId: studentOf(refs, record),
            from,
            to,
            source: textField(f, 'applied_by') === 'student' ? 'bot' : 'console',
            createdAt: dateTimeField(f, 'applied_at'),
          },
        };
      },
      async write(tx, rows) {
        const inserted = await tx.db
          .withTables<MessTables>()
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
    };
  },
};

export interface ImportedClosure {
  days: string[];
  reason: string;
}

/** The longest closure that comes over (one `mess_closure` row per day). */
const MAX_CLOSURE_DAYS = 366;

/** `mess.messclosure` (a range of days) → one whole-day `mess_closure` per day; its first row is its target. */
export const closuresImport: ImportModel<ImportedClosure> = {
  model: 'mess.messclosure',
  label: 'closures',
  async begin() {
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
        return { row: { days, reason: textField(f, 'reason', { max: 500 }) ?? '' } };
      },
      async write(tx, rows) {
        const inserted = await tx.db
          .withTables<MessTables>()
          .insertInto('mess_closure')
          .values(rows.flatMap((c) => c.days.map((date) => ({ date, reason: c.reason, meal_ids: null }))))
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
    };
  },
};
