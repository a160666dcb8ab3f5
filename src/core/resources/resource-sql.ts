import { type RawBuilder, type RawNode, sql } from 'kysely';
import type { Clock } from '../../platform/clock/index.ts';
import type { ColumnSqlScope, ResourceColumn, ResourceDefinition } from './resource.types.ts';

/**
 * SQL text of a resource, built only from its declaration (checked by `defineResource`); request
 * values never reach these strings, they travel as bind parameters.
 */

/** Text-search configuration: `simple` lowercases without stemming, so it suits every language. */
export const SEARCH_CONFIG = 'simple';

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The column a field reads by default: `createdAt` → `created_at`. */
export function snakeCaseOf(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function idSql(resource: ResourceDefinition): string {
  return `${quoteIdent(resource.table)}.${quoteIdent(resource.idColumn)}`;
}

const idFieldOf = (resource: ResourceDefinition) => resource.idField ?? 'id';

/**
 * The SQL text of a column that does not read the clock: a computed `sql` string, or the plain
 * column derived from the field name (the id field without `table`/`column` is the id column).
 */
export function columnSql(resource: ResourceDefinition, column: ResourceColumn): string {
  // Worded in code after the query (`fillColumns`): the query reads it as null.
  if (column.filled) return 'null';
  if (typeof column.sql === 'function') throw new Error(`column ${column.name} reads the clock`);
  if (column.sql !== undefined) return column.sql;
  if (!column.table && !column.column && column.name === idFieldOf(resource)) return idSql(resource);
  return `${quoteIdent(column.table ?? resource.table)}.${quoteIdent(column.column ?? snakeCaseOf(column.name))}`;
}

/** A column's expression in a query, with the clock of the caller bound where it asks for it. */
export function columnExpr(
  resource: ResourceDefinition,
  column: ResourceColumn,
  scope: ColumnSqlScope,
): RawBuilder<unknown> {
  if (typeof column.sql === 'function') return sql`(${column.sql(scope)})`;
  return sql.raw(`(${columnSql(resource, column)})`);
}

/** The scope of one request's queries: its clock's instant as a bound `timestamptz`. */
export function scopeOf(clock: Clock): ColumnSqlScope {
  return { now: sql<Date>`${clock.now()}::timestamptz` };
}

/**
 * The text of a computed column with its parameters shown as `?`, for checks of the declaration
 * (a clock-bound column is built once with a placeholder clock).
 */
export function sqlTextOf(resource: ResourceDefinition, column: ResourceColumn): string {
  if (typeof column.sql !== 'function') return columnSql(resource, column);
  const text = (node: RawNode): string =>
    node.sqlFragments
      .map((fragment, i) => {
        const param = node.parameters[i];
        if (!param) return fragment;
        return fragment + (param.kind === 'RawNode' ? text(param as RawNode) : '?');
      })
      .join('');
  return text(column.sql({ now: sql<Date>`${new Date(0)}::timestamptz` }).toOperationNode());
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
  return parts.length ? vectorOf(parts) : null;
}

const vectorOf = (parts: string[]) =>
  `to_tsvector('${SEARCH_CONFIG}'::regconfig, ${parts.join(` || ' ' || `)})`;

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

/**
 * One table's searchable text: its searchable columns joined by spaces, lowercased for trigrams,
 * or as a text-search vector (`vector`). `via` when the table is a searched relation: its key
 * column and the resource's column it pairs with.
 */
export interface SearchDoc {
  table: string;
  sql: string;
  via?: [string, string];
  vector?: boolean;
}

const documentOf = (parts: string[]) => `lower(${parts.join(` || ' ' || `)})`;

/**
 * The documents `q` is matched against with trigrams, one per table holding searchable columns
 * (a computed column counts as the main table's) and one per searched relation, so each can use
 * an index on its own table.
 */
export function trigramDocsOf(resource: ResourceDefinition): SearchDoc[] {
  const byTable = new Map<string, string[]>();
  for (const column of resource.columns) {
    if (!column.searchable) continue;
    const table = column.sql === undefined ? (column.table ?? resource.table) : resource.table;
    byTable.set(table, [...(byTable.get(table) ?? []), `coalesce(${columnSql(resource, column)}, '')`]);
  }
  return [
    ...[...byTable].map(([table, parts]) => ({ table, sql: documentOf(parts) })),
    ...(resource.searchRelated ?? []).map((related) => ({
      table: related.table,
      sql: documentOf(
        related.columns.map((c) => `coalesce(${quoteIdent(related.table)}.${quoteIdent(c)}, '')`),
      ),
      via: related.on,
    })),
  ];
}

/**
 * DDL of the trigram GIN indexes that make `q` fast (substrings and typos), one per table of
 * `trigramDocsOf`; the planner uses one only when the indexed expression is this exact one.
 * Wrap it in the pg_trgm guard of the module's migration (see docs/core-capabilities.md).
 */
export function trigramIndexSql(resource: ResourceDefinition): string[] {
  return trigramDocsOf(resource).map((doc) => {
    const unqualified = doc.sql.replaceAll(`${quoteIdent(doc.table)}.`, '');
    return `create index ${doc.table}_trgm_idx on ${doc.table} using gin ((${unqualified}) gin_trgm_ops);`;
  });
}
