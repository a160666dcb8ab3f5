import { isUniqueViolation } from '../../platform/errors/index.ts';
import { FieldProblem } from './field-values.rules.ts';
import type { ImportRefs, SourceRecord } from './imports.types.ts';

// How a module's importers map the original's records onto their rows: the records a foreign key
// names, and the refusals the rows may meet.

const present = (v: unknown) => v !== null && v !== undefined && v !== '';

/**
 * The Opsdesk id of the record a foreign key column names (`merchant_id` → the merchant that came
 * over); null when the column is empty and may be, a refusal naming the field when it did not come over
 * (with its parent's own refusal, when the parent was refused in this run: children go with it).
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
  if (id) return id;
  const refused = refs.refusal(model, pk);
  throw new FieldProblem(
    field,
    refused
      ? `its ${what} ${String(pk)} was refused (${refused})`
      : `${what} ${String(pk)} is not in the source`,
  );
}

/**
 * An importer's `refusalOf` for the unique constraints its rows may meet: by constraint name, the
 * field and why, as the import report shows it (`code: a material with this code is already in
 * Opsdesk`); any other error is left to the import run, which words it itself.
 */
export function uniqueRefusals(
  byConstraint: Readonly<Record<string, string>>,
): (err: unknown) => string | undefined {
  return (err) => {
    if (!isUniqueViolation(err)) return undefined;
    const { constraint } = err as { constraint?: string };
    return constraint === undefined ? undefined : byConstraint[constraint];
  };
}
