import { FieldProblem } from '../../../core/imports/index.ts';

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
