import type { ResourceColumn, ResourceDefinition } from './resource.types.ts';

/**
 * SQL text of a resource, built only from its declaration (checked by `defineResource`); request
 * values never reach these strings, they travel as bind parameters.
 */

/** Text-search configuration: `simple` lowercases without stemming, so it suits every language. */
export const SEARCH_CONFIG = 'simple';

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The expression of a column: its `sql`, else the same-named column of the main table. */
export function columnSql(resource: ResourceDefinition, column: ResourceColumn): string {
  return column.sql ?? `${quoteIdent(resource.table)}.${quoteIdent(column.name)}`;
}

export function idSql(resource: ResourceDefinition): string {
  return `${quoteIdent(resource.table)}.${quoteIdent(resource.idColumn)}`;
}

/**
 * The document searched by `q`, or null when no column is searchable. A module that wants search
 * to stay fast on large tables ships the GIN index from `searchIndexSql` in its migrations: the
 * planner uses it only when the indexed expression is this exact one.
 */
export function searchVectorSql(resource: ResourceDefinition): string | null {
  const parts = resource.columns
    .filter((c) => c.searchable)
    .map((c) => `coalesce(${columnSql(resource, c)}, '')`);
  if (parts.length === 0) return null;
  return `to_tsvector('${SEARCH_CONFIG}'::regconfig, ${parts.join(` || ' ' || `)})`;
}

/** DDL of the GIN index that makes `q` fast; paste it into the module's migration. */
export function searchIndexSql(resource: ResourceDefinition): string | null {
  const vector = searchVectorSql(resource);
  if (!vector) return null;
  const unqualified = vector.replaceAll(`${quoteIdent(resource.table)}.`, '');
  return `create index ${resource.table}_search_idx on ${resource.table} using gin ((${unqualified}));`;
}

/**
 * Turns what a person typed into a prefix query: every word must match the start of a word
 * (`"ann gar"` finds "Anna Garcia"). Words are letters and digits only, so the result is always
 * valid `tsquery` text; null when nothing searchable is left.
 */
export function prefixTsQuery(text: string): string | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  const unique = [...new Set(words)].slice(0, 8);
  return unique.length ? unique.map((w) => `'${w}':*`).join(' & ') : null;
}
