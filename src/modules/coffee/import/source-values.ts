import { FieldProblem, type ImportRefs, type SourceRecord } from '../../../core/imports/index.ts';

type Fields = Readonly<Record<string, unknown>>;

const present = (v: unknown) => v !== null && v !== undefined && v !== '';

/** A SQLAlchemy `Float` (a number from the database, text from a CSV file), or null when empty. */
export function numberField(
  fields: Fields,
  name: string,
  options: { required?: boolean } = {},
): number | null {
  const v = fields[name];
  if (!present(v)) {
    if (options.required) throw new FieldProblem(name, 'is required');
    return null;
  }
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  if (!Number.isFinite(n)) throw new FieldProblem(name, `expected a number, got ${String(v).slice(0, 40)}`);
  return n;
}

/** A SQLAlchemy `JSON` column: parsed by the database driver, or JSON text in a CSV file. */
export function jsonField(fields: Fields, name: string): unknown {
  const v = fields[name];
  if (!present(v)) return null;
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    throw new FieldProblem(name, `expected JSON, got ${v.slice(0, 40)}`);
  }
}

/**
 * The Opsdesk id of the record a foreign key column names (`merchant_id` → the merchant that came
 * over); null when the column is empty and may be, a refusal naming the field when it did not come over.
 */
export function targetOf(
  refs: ImportRefs,
  record: SourceRecord,
  field: string,
  model: string,
  what: string,
  options: { required?: boolean } = {},
): string | null {
  const pk = record.fields[field];
  if (!present(pk)) {
    if (options.required) throw new FieldProblem(field, 'is required');
    return null;
  }
  const id = refs.target(model, pk);
  if (!id) throw new FieldProblem(field, `${what} ${String(pk)} did not come over`);
  return id;
}
