import { isUniqueViolation } from '../../platform/errors/index.ts';

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
