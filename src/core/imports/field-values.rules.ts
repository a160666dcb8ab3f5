// Reading one field of a source record, however the source typed it: dumpdata gives JSON (numbers,
// ISO strings), the database gives pg's types (Date, bigint as text), CSV gives text ('' is empty).
// Each reader answers the value, `null` for an empty one, or throws a `FieldProblem` with the reason.

/** Why a field cannot be read: the run reports the record with this field and reason. */
export class FieldProblem extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

const isEmpty = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

function presentValue(fields: Readonly<Record<string, unknown>>, name: string, required: boolean): unknown {
  const v = fields[name];
  if (isEmpty(v)) {
    if (required) throw new FieldProblem(name, 'is required');
    return null;
  }
  return v;
}

type Fields = Readonly<Record<string, unknown>>;

/** A reader of one field: a required one answers a value or throws; else an empty field is null. */
interface FieldReader<T, O extends object> {
  (fields: Fields, name: string, options: O & { required: true }): T;
  (fields: Fields, name: string, options?: O & { required?: boolean }): T | null;
}

/** The reader that hands a present value to `read`, and answers null (or "is required") for an empty one. */
function fieldReader<T, O extends object = object>(
  read: (value: unknown, name: string, options: O) => T,
): FieldReader<T, O> {
  return ((fields: Fields, name: string, options: O & { required?: boolean } = {} as O) => {
    const v = presentValue(fields, name, options.required ?? false);
    return v === null ? null : read(v, name, options);
  }) as FieldReader<T, O>;
}

/** Text, trimmed; at most `max` characters. */
export const textField = fieldReader<string, { max?: number }>((v, name, { max }) => {
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'bigint')
    throw new FieldProblem(name, 'expected text');
  const text = String(v).trim();
  if (max !== undefined && text.length > max)
    throw new FieldProblem(name, `is longer than ${max} characters`);
  return text;
});

/** A whole number (a Telegram chat id, a version), as text so 64-bit ids stay exact. */
export const integerField = fieldReader((v, name) => {
  const text = String(v).trim();
  if (!/^-?\d{1,19}$/.test(text))
    throw new FieldProblem(name, `expected a whole number, got ${text.slice(0, 40)}`);
  return text.replace(/^(-?)0+(?=\d)/, '$1');
});

/** One of the given words (a status, a language). */
export function choiceField<T extends string>(
  fields: Fields,
  name: string,
  choices: readonly T[],
  options: { required?: boolean } = {},
): T | null {
  const text = textField(fields, name, options);
  if (text === null) return null;
  const found = choices.find((c) => c === text.toLowerCase());
  if (!found) throw new FieldProblem(name, `expected one of ${choices.join(', ')}, got ${text.slice(0, 40)}`);
  return found;
}

/** A yes/no (JSON true/false, CSV `true|false|1|0|t|f|yes|no`). */
export const booleanField = fieldReader((v, name) => {
  if (typeof v === 'boolean') return v;
  const text = String(v).trim().toLowerCase();
  if (['true', 't', '1', 'yes', 'y'].includes(text)) return true;
  if (['false', 'f', '0', 'no', 'n'].includes(text)) return false;
  throw new FieldProblem(name, `expected true or false, got ${text.slice(0, 40)}`);
});

/** A calendar day, `YYYY-MM-DD` (a Django `DateField`). */
export const dateField = fieldReader((v, name) => {
  const text = String(v).trim().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`)))
    throw new FieldProblem(name, `expected a date YYYY-MM-DD, got ${String(v).slice(0, 40)}`);
  return text;
});

/**
 * An instant (a Django `DateTimeField`): dumpdata writes ISO 8601 with its zone (`…Z`, `+05:30`),
 * psql's CSV `2026-11-20 10:00:00+00`; a text without a zone is read as UTC, as Django stores it
 * with `USE_TZ = True`.
 */
export const dateTimeField = fieldReader((v, name) => {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw new FieldProblem(name, 'expected a date and time');
    return v;
  }
  // psql writes an offset of whole hours as `+00` / `+05`: JavaScript reads only `+00:00`.
  const text = String(v)
    .trim()
    .replace(' ', 'T')
    .replace(/([+-]\d{2})$/, '$1:00');
  const zoned = /([zZ]|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}Z`;
  const at = new Date(zoned);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(at.getTime()))
    throw new FieldProblem(name, `expected a date and time (ISO 8601), got ${String(v).slice(0, 40)}`);
  return at;
});

/**
 * A decimal amount (a Django `DecimalField`, `"3000.00"`) in minor units of a currency with
 * `exponent` decimals; more decimals than the currency has are refused, never rounded.
 */
export function decimalMinorField(
  fields: Readonly<Record<string, unknown>>,
  name: string,
  exponent: number,
  options: { required?: boolean } = {},
): number | null {
  const v = presentValue(fields, name, options.required ?? false);
  if (v === null) return null;
  const text = String(v).trim();
  const m = /^(-?)(\d{1,15})(?:\.(\d+))?$/.exec(text);
  if (!m) throw new FieldProblem(name, `expected an amount like 3000.00, got ${text.slice(0, 40)}`);
  const decimals = (m[3] ?? '').replace(/0+$/, '');
  if (decimals.length > exponent)
    throw new FieldProblem(name, `has more than ${exponent} decimals: ${text.slice(0, 40)}`);
  const minor = Number(m[2]) * 10 ** exponent + Number(decimals.padEnd(exponent, '0') || '0');
  return m[1] ? -minor : minor;
}
