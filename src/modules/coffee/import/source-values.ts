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

/**
 * A SQLAlchemy `JSON` column: parsed by the database driver, or JSON text in a CSV file. A text that
 * is no JSON is the column's own JSON string as the driver parsed it (`"airport, T2"`): kept as text.
 */
export function jsonField(fields: Fields, name: string): unknown {
  const v = fields[name];
  if (!present(v)) return null;
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/**
 * An amount the original keeps as a float (`25.5`, `29.700000000000003`) in minor units of a
 * currency with `exponent` decimals, as the original shows it to a person: the float's shortest
 * decimal (what Python's `repr` prints, `29.700000000000003`), rounded half up to the cent in
 * decimal arithmetic (`1.005` is 101 cents, where `Math.round(1.005 * 100)` says 100). `exact` is
 * false when digits beyond the cent were dropped that are no float noise (`3.333`).
 */
export function minorUnitsOf(amount: number, exponent: number): { minor: number; exact: boolean } {
  const text = Math.abs(amount).toFixed(20).replace(/0+$/, '');
  const shortest = String(Math.abs(amount));
  const decimal = /e/i.test(shortest) ? text : shortest;
  const [whole = '0', fraction = ''] = decimal.split('.');
  const kept = fraction.slice(0, exponent).padEnd(exponent, '0');
  const dropped = fraction.slice(exponent);
  let minor = Number(whole) * 10 ** exponent + Number(kept || '0');
  if (dropped !== '' && dropped[0]! >= '5') minor += 1;
  const noise = Math.abs(amount * 10 ** exponent - Math.round(amount * 10 ** exponent)) < 1e-6;
  return { minor: amount < 0 ? -minor : minor, exact: dropped.replace(/0+$/, '') === '' || noise };
}
