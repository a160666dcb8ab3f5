import { dateTimeField, type ImportRefs, type SourceRecord, targetOf } from '../../../core/imports/index.ts';

/**
 * A foreign key of the original, however the source named it: dumpdata writes the field (`student`),
 * its table the column (`student_id`, kept under that name where the source reader does not rename
 * it). The record comes back with the field filled from the column when only the column is there.
 */
export function withForeignKeys(record: SourceRecord, fields: readonly string[]): SourceRecord {
  const missing = fields.filter(
    (f) => record.fields[f] === undefined && record.fields[`${f}_id`] !== undefined,
  );
  if (missing.length === 0) return record;
  const filled: Record<string, unknown> = { ...record.fields };
  for (const f of missing) filled[f] = record.fields[`${f}_id`];
  return { ...record, fields: filled };
}

/** The Opsdesk id of the student a record points to (`student` or `student_id`); a refusal naming it otherwise. */
export const studentOf = (refs: ImportRefs, record: SourceRecord): string =>
  targetOf(refs, withForeignKeys(record, ['student']), 'student', 'core.student', 'student', {
    required: true,
  })!;

/**
 * An instant as the original's sources give it: dumpdata's ISO text, the database's Date, or
 * PostgreSQL's own text in a CSV export (`2026-10-01 13:36:02+00`, an offset of hours only, which
 * the core reader would take for no zone at all).
 */
export function instantField(
  fields: Readonly<Record<string, unknown>>,
  name: string,
  options: { required?: boolean } = {},
): Date | null {
  const v = fields[name];
  const fixed = typeof v === 'string' ? v.trim().replace(/([+-]\d{2})$/, '$1:00') : v;
  return dateTimeField({ [name]: fixed }, name, options);
}
