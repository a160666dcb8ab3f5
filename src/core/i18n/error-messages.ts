import type { DeclaredErrors } from '../../platform/errors/index.ts';
import { type Catalog, LOCALES, type NamespaceCatalogs } from './locale.ts';
import { flattenKeys } from './missing-keys.ts';

/**
 * Where a catalog keeps the message of an error code: `errors.raffle.tickets_unavailable`,
 * `errors.not_found` (the HTTP kit's codes carry no area). Catalogs nest by the dots, so an area's
 * messages sit together under `errors.<area>`.
 */
export const errorKey = (code: string): string => `errors.${code}`;

/**
 * What is wrong with the error messages of a namespace that should translate exactly the codes of
 * `tables`: a language it speaks lacking a code, or a message for a code nobody declares (left
 * behind by a rename). Empty when every code reads well in every language; for tests.
 */
export function errorMessageProblems(
  catalogs: NamespaceCatalogs,
  tables: ReadonlyArray<DeclaredErrors>,
): string[] {
  const wanted = new Set(tables.flatMap((t) => t.kinds).map((kind) => errorKey(kind.code)));
  const problems: string[] = [];
  for (const locale of LOCALES) {
    const catalog: Catalog | undefined = catalogs[locale];
    if (!catalog) continue;
    const present = new Set(flattenKeys(catalog).filter((key) => key.startsWith(errorKey(''))));
    for (const key of wanted) if (!present.has(key)) problems.push(`${locale} lacks ${key}`);
    for (const key of present)
      if (!wanted.has(key)) problems.push(`${locale} has ${key}, which no area declares`);
  }
  return problems;
}
