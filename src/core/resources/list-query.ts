import {
  CompiledQuery,
  type Expression,
  type Kysely,
  type RawBuilder,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import { z } from 'zod';
import { PlatformErrors } from '../../platform/errors/index.ts';
import type { Ctx } from '../context/index.ts';
import { encodeCursor, type FilterClause, type ListCursor, type ListParams } from './list-params.rules.ts';
import type { ColumnSqlScope, ResourceColumn, ResourceDefinition } from './resource.types.ts';
import {
  columnExpr,
  idSql,
  prefixTsQuery,
  quoteIdent,
  SEARCH_CONFIG,
  scopeOf,
  searchVectorSql,
  type TrigramDoc,
  trigramDocsOf,
} from './resource-sql.ts';

type AnyTables = Record<string, Record<string, unknown>>;
type Row = Record<string, unknown>;
export type ResourceQuery = SelectQueryBuilder<AnyTables, string, Row>;

export interface ListPage {
  items: Row[];
  /** Exact when `totalExact`; else the planner's estimate (the console shows "about 1.2 million"). */
  total: number;
  totalExact: boolean;
  page: number;
  perPage: number;
  /** Pass as `cursor` for the next page (keyset: as fast as the first); null on the last page. */
  nextCursor: string | null;
}

/**
 * Up to this many matching records are counted exactly (an index-only walk of at most this many
 * entries); past it the total is the planner's estimate, so no request ever counts a million rows.
 */
export const EXACT_COUNT_LIMIT = 10_000;

/**
 * How `q` is matched: with pg_trgm, `parts` of words first and, when nothing contains them, `near`
 * misses too (typos); without it, word prefixes (`words`, the tsvector index).
 */
export type SearchMode = 'parts' | 'near' | 'words';

/** Shorter than a trigram: such a `q` is matched by word prefix instead. */
const MIN_TRIGRAM_QUERY = 3;

const DEFAULT_ID = z.uuid();

/**
 * FROM and JOINs through the builder (not raw SQL) so the organization scope adds
 * `org_id = $org` to every org-owned table of the resource.
 */
export function fromResource(ctx: Ctx, resource: ResourceDefinition): ResourceQuery {
  const db = ctx.db as unknown as Kysely<AnyTables>;
  let query = db.selectFrom(resource.table) as unknown as ResourceQuery;
  for (const join of resource.joins ?? []) {
    const [left, right] = join.on as [never, never];
    query = (join.kind === 'left'
      ? query.leftJoin(join.table, left, right)
      : query.innerJoin(join.table, left, right)) as unknown as ResourceQuery;
  }
  return query;
}

/** Filters and search as bound SQL; the expressions come from the declaration only. */
export function whereOf(
  resource: ResourceDefinition,
  params: ListParams,
  scope: ColumnSqlScope,
  search: SearchMode = 'words',
): Expression<SqlBool>[] {
  const out = params.filters.map((f) => filterSql(resource, f, scope));
  const words = searchWordsOf(params.q);
  if (search !== 'words' && words.some((w) => w.length >= MIN_TRIGRAM_QUERY)) {
    const docs = trigramDocsOf(resource);
    if (docs.length) {
      // Every word is found as a part of a word (`art` in Marta), or in `near` mode also as a near
      // miss of one (`gomes` ~ Gomez), in any searchable column: both answered by the trigram GIN
      // index on the same expression (trigramIndexSql). Words shorter than a trigram only narrow.
      for (const word of words) {
        const pattern = `%${word.replace(/[\\%_]/g, '\\$&')}%`;
        const matches = docs.map((d) =>
          onTableOf(
            resource,
            d,
            search === 'near' && word.length >= MIN_TRIGRAM_QUERY
              ? sql<SqlBool>`(${sql.raw(d.sql)} ilike ${pattern} or ${word} <% ${sql.raw(d.sql)})`
              : sql<SqlBool>`${sql.raw(d.sql)} ilike ${pattern}`,
          ),
        );
        out.push(matches.length === 1 ? matches[0]! : sql<SqlBool>`(${sql.join(matches, sql` or `)})`);
      }
      return out;
    }
  }
  const vector = searchVectorSql(resource);
  const tsquery = params.q ? prefixTsQuery(params.q) : null;
  if (vector && tsquery) {
    out.push(sql<SqlBool>`${sql.raw(vector)} @@ to_tsquery(${SEARCH_CONFIG}::regconfig, ${tsquery})`);
  }
  return out;
}

/** One pass of a keyset page: the records with (or without) a sort value after `key`. */
export function keysetQuery(
  ctx: Ctx,
  resource: ResourceDefinition,
  params: ListParams,
  where: Expression<SqlBool>[],
  scope: ColumnSqlScope,
  pass: Pass,
  key: ListCursor | null,
  limit: number,
) {
  const sortExpr = sortExprOf(resource, params, scope);
  const id = sql.raw(idSql(resource));
  const cmp = params.order === 'asc' ? sql.raw('>') : sql.raw('<');
  let query = filteredQuery(ctx, resource, where).where(
    pass === 'values' ? sql<SqlBool>`${sortExpr} is not null` : sql<SqlBool>`${sortExpr} is null`,
  );
  if (key && pass === 'values')
    query = query.where(sql<SqlBool>`(${sortExpr}, ${id}) ${cmp} (${key.value}, ${key.id})`);
  if (key && pass === 'nulls') query = query.where(sql<SqlBool>`${id} ${cmp} ${key.id}`);
  if (pass === 'values') query = query.orderBy(sortExpr, params.order);
  return query
    .select(keyedSelection(resource, params, scope))
    .orderBy(id, params.order)
    .limit(limit);
}

/**
 * A match on a joined table's document, as a semi-join on the join's key: the planner then finds
 * the few matching rows of the small table first and reaches the large one through its index,
 * instead of testing the document once per row of the large table.
 */
function onTableOf(resource: ResourceDefinition, doc: TrigramDoc, match: RawBuilder<SqlBool>) {
  if (doc.table === resource.table) return match;
  const join = resource.joins?.find((j) => j.table === doc.table);
  const own = join?.on.find((c) => c.startsWith(`${doc.table}.`));
  const other = join?.on.find((c) => c !== own);
  if (!own || !other) return match;
  const ident = (qualified: string) => sql.raw(qualified.split('.').map(quoteIdent).join('.'));
  return sql<SqlBool>`${ident(other)} in (select ${ident(own)} from ${sql.raw(quoteIdent(doc.table))} where ${match})`;
}

/** What a person typed, as lowercase words (spaces and punctuation between them), at most 8. */
export function searchWordsOf(q: string | null): string[] {
  const words = (q ?? '')
    .toLowerCase()
    .split(/[\s,;]+/u)
    .filter(Boolean);
  return [...new Set(words)].slice(0, 8);
}

/**
 * Trigram search when the database has pg_trgm (PostgreSQL with contrib, PGlite with the
 * extension loaded; the migration that creates it skips it cleanly elsewhere), else word prefixes.
 * Asked only when a request searches: one catalog lookup, no state kept between requests.
 */
export async function searchModeOf(ctx: Ctx, params: ListParams): Promise<SearchMode> {
  if (!params.q) return 'words';
  const row = await sql<{ ok: boolean }>`
    select exists (select 1 from pg_extension where extname = 'pg_trgm') as ok`.execute(ctx.db);
  return row.rows[0]?.ok ? 'parts' : 'words';
}

/**
 * The list's conditions. A search looks for the words as parts of words first; only when no
 * record has them all does it accept near misses, which cost a similarity test per candidate.
 */
export async function listWhere(
  ctx: Ctx,
  resource: ResourceDefinition,
  params: ListParams,
  scope: ColumnSqlScope,
): Promise<Expression<SqlBool>[]> {
  const mode = await searchModeOf(ctx, params);
  const where = whereOf(resource, params, scope, mode);
  if (mode !== 'parts') return where;
  const any = await filteredQuery(ctx, resource, where).select(sql<number>`1`.as('one')).limit(1).execute();
  return any.length ? where : whereOf(resource, params, scope, 'near');
}

function filterSql(
  resource: ResourceDefinition,
  f: FilterClause,
  scope: ColumnSqlScope,
): Expression<SqlBool> {
  const column = columnOf(resource, f.column);
  const expr = columnExpr(resource, column, scope);
  const eqSql = column.eqSql;
  if (eqSql && f.op === 'eq') return sql<SqlBool>`(${eqSql(sql`${f.value}`, scope)})`;
  if (eqSql && f.op === 'in')
    return sql<SqlBool>`(${sql.join(
      f.value.map((v) => sql`(${eqSql(sql`${v}`, scope)})`),
      sql` or `,
    )})`;
  switch (f.op) {
    case 'eq':
      return sql<SqlBool>`${expr} = ${f.value}`;
    case 'gte':
      return sql<SqlBool>`${expr} >= ${f.value}`;
    case 'lte':
      return sql<SqlBool>`${expr} <= ${f.value}`;
    case 'lt':
      return sql<SqlBool>`${expr} < ${f.value}`;
    case 'contains':
      return sql<SqlBool>`${expr} ilike ${`%${f.value.replace(/[\\%_]/g, '\\$&')}%`}`;
    case 'in':
      return sql<SqlBool>`${expr} in (${sql.join(f.value)})`;
  }
}

export function columnOf(resource: ResourceDefinition, name: string): ResourceColumn {
  const column = resource.columns.find((c) => c.name === name);
  if (!column) throw new Error(`resource ${resource.name} has no column ${name}`);
  return column;
}

export function idFieldOf(resource: ResourceDefinition): string {
  return resource.idField ?? 'id';
}

/** The id plus the given columns, aliased to their field names. */
export function selectionOf(
  resource: ResourceDefinition,
  columns: ReadonlyArray<ResourceColumn>,
  scope: ColumnSqlScope,
) {
  const idField = idFieldOf(resource);
  return [
    sql.raw(idSql(resource)).as(idField),
    ...columns
      .filter((c) => c.name !== idField)
      .map((c) => {
        // Dates as `YYYY-MM-DD` text: a JS Date would shift them by the server's time zone.
        const expr = columnExpr(resource, c, scope);
        // `::date` also reads a calendar day kept as ISO text (a local date no zone may shift).
        return (c.type === 'date' ? sql`to_char((${expr})::date, 'YYYY-MM-DD')` : expr).as(c.name);
      }),
  ];
}

/** JSON-ready values: bigint and numeric text to numbers, timestamps to ISO strings. */
export function toItem(resource: ResourceDefinition, row: Row): Row {
  const item: Row = { [idFieldOf(resource)]: String(row[idFieldOf(resource)]) };
  for (const column of resource.columns) {
    if (column.name === idFieldOf(resource)) continue;
    const value = row[column.name];
    if (value === null || value === undefined) item[column.name] = null;
    else if (value instanceof Date) item[column.name] = value.toISOString();
    else if ((column.type === 'number' || column.type === 'money') && typeof value !== 'number')
      item[column.name] = Number(value);
    else item[column.name] = value;
  }
  return item;
}

/**
 * One page of a resource. With a cursor the page starts after the cursor's record (keyset, as fast
 * as the first page); else at `page` by offset (kept for scripts and jumps to a page number).
 * The total is exact when the page tells it (a short page reveals the end) or when the planner
 * expects at most EXACT_COUNT_LIMIT matches; past that it is the planner's estimate.
 */
export async function listResource(
  ctx: Ctx,
  resource: ResourceDefinition,
  params: ListParams,
): Promise<ListPage> {
  const scope = scopeOf(ctx.clock);
  const where = await listWhere(ctx, resource, params, scope);
  const filtered = filteredQuery(ctx, resource, where);
  const offset = (params.page - 1) * params.perPage;
  const rows = params.after
    ? await keysetRows(ctx, resource, params, where, scope, params.after, params.perPage)
    : await offsetPageQuery(ctx, resource, params, where, scope).execute();
  let total = offset + rows.length;
  let totalExact = true;
  if (rows.length === params.perPage || (rows.length === 0 && offset > 0) || params.after) {
    const counted = await countOf(ctx, filtered);
    // Never fewer than the records this page shows exist (a cursor page trusts the page number it is sent with).
    const seen = offset + rows.length + (rows.length === params.perPage ? 1 : 0);
    total = Math.max(counted.total, seen);
    totalExact = counted.exact;
  }
  const last = rows.at(-1);
  return {
    items: rows.map((r) => withAvailableActions(resource, toItem(resource, r))),
    total,
    totalExact,
    page: params.page,
    perPage: params.perPage,
    nextCursor:
      last && rows.length === params.perPage ? encodeCursor(params.sort, params.order, keyOf(last)) : null,
  };
}

/** The resource's rows that pass the filters and search. */
export function filteredQuery(ctx: Ctx, resource: ResourceDefinition, where: Expression<SqlBool>[]) {
  return where.reduce((q, w) => q.where(w), fromResource(ctx, resource));
}

/** A page by offset (`page`), in the list's order with the id as tiebreak. */
export function offsetPageQuery(
  ctx: Ctx,
  resource: ResourceDefinition,
  params: ListParams,
  where: Expression<SqlBool>[],
  scope: ColumnSqlScope,
) {
  return filteredQuery(ctx, resource, where)
    .select(keyedSelection(resource, params, scope))
    .orderBy(sortExprOf(resource, params, scope), params.order)
    .orderBy(sql.raw(idSql(resource)), params.order)
    .limit(params.perPage)
    .offset((params.page - 1) * params.perPage);
}

/** The sort column's expression in this request. */
function sortExprOf(resource: ResourceDefinition, params: ListParams, scope: ColumnSqlScope) {
  return columnExpr(resource, columnOf(resource, params.sort), scope);
}

/** Every column plus the row's keyset position, as text (timestamps keep their microseconds). */
function keyedSelection(resource: ResourceDefinition, params: ListParams, scope: ColumnSqlScope) {
  return [
    ...selectionOf(resource, resource.columns, scope),
    sql<string | null>`${sortExprOf(resource, params, scope)}::text`.as('__sort'),
    sql<string>`${sql.raw(idSql(resource))}::text`.as('__id'),
  ];
}

function keyOf(row: Row): ListCursor {
  return { value: (row.__sort as string | null) ?? null, id: String(row.__id) };
}

/**
 * Exact while cheap, else estimated: the planner's row estimate for the filtered query (from the
 * table's statistics, no scan); when it expects few matches they are counted, but never more
 * than EXACT_COUNT_LIMIT + 1 of them.
 */
export async function countOf(ctx: Ctx, filtered: ResourceQuery): Promise<{ total: number; exact: boolean }> {
  const probe = filtered.select(sql<number>`1`.as('one'));
  const compiled = probe.compile();
  const explained = await ctx.db.executeQuery<{ 'QUERY PLAN': unknown }>(
    CompiledQuery.raw(`explain (format json) ${compiled.sql}`, [...compiled.parameters]),
  );
  const estimate = Math.round(planRowsOf(explained.rows[0]?.['QUERY PLAN']));
  if (estimate > EXACT_COUNT_LIMIT) return { total: estimate, exact: false };
  const counted = await (ctx.db as unknown as Kysely<AnyTables>)
    .selectFrom(probe.limit(EXACT_COUNT_LIMIT + 1).as('capped'))
    .select(sql<string>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(counted.n);
  return n > EXACT_COUNT_LIMIT ? { total: Math.max(n, estimate), exact: false } : { total: n, exact: true };
}

/** `Plan Rows` of the top node of an `explain (format json)` answer (text or parsed). */
export function planRowsOf(plan: unknown): number {
  const parsed = typeof plan === 'string' ? JSON.parse(plan) : plan;
  const top = Array.isArray(parsed) ? parsed[0] : parsed;
  const rows = (top as { Plan?: { 'Plan Rows'?: number } } | undefined)?.Plan?.['Plan Rows'];
  return typeof rows === 'number' && Number.isFinite(rows) ? rows : 0;
}

export type Pass = 'values' | 'nulls';

/**
 * Up to `limit` records after `after` in the list's order, by keyset. PostgreSQL puts NULLs last
 * ascending and first descending; records with and without a sort value are walked in separate
 * passes, because one keyset condition covering both (`... or sort is null`) stops the planner
 * from starting the index scan at the last key.
 */
export async function keysetRows(
  ctx: Ctx,
  resource: ResourceDefinition,
  params: ListParams,
  where: Expression<SqlBool>[],
  scope: ColumnSqlScope,
  after: ListCursor | null,
  limit: number,
): Promise<Row[]> {
  const passes: Pass[] = params.order === 'asc' ? ['values', 'nulls'] : ['nulls', 'values'];
  // A cursor in the NULL records starts in their pass; one on a value skips the NULLs before it.
  const startPass: Pass = after ? (after.value === null ? 'nulls' : 'values') : passes[0]!;
  const out: Row[] = [];
  for (const pass of passes.slice(passes.indexOf(startPass))) {
    const key = pass === startPass ? after : null;
    const rows = await keysetQuery(
      ctx,
      resource,
      params,
      where,
      scope,
      pass,
      key,
      limit - out.length,
    ).execute();
    out.push(...rows);
    if (out.length >= limit) break;
  }
  return out;
}

/** Whether `id` has the resource's id format; a malformed id is simply not found. */
export function isIdOf(resource: ResourceDefinition, id: string): boolean {
  return (resource.idSchema ?? DEFAULT_ID).safeParse(id).success;
}

/** One record of the caller's organization; another organization's id is `not_found`. */
export async function getResourceItem(ctx: Ctx, resource: ResourceDefinition, id: string): Promise<Row> {
  if (!isIdOf(resource, id)) throw PlatformErrors.not_found({ resource: resource.name, id });
  const row = await fromResource(ctx, resource)
    .select(selectionOf(resource, resource.columns, scopeOf(ctx.clock)))
    .where(sql<SqlBool>`${sql.raw(idSql(resource))} = ${id}`)
    .limit(1)
    .executeTakeFirst();
  if (!row) throw PlatformErrors.not_found({ resource: resource.name, id });
  return withAvailableActions(resource, toItem(resource, row));
}

/** Adds `_actions` (the actions offered on this record) when any action of the resource depends on the record. */
export function withAvailableActions(resource: ResourceDefinition, item: Row): Row {
  const actions = resource.actions ?? [];
  if (!actions.some((a) => a.availableWhen)) return item;
  return { ...item, _actions: actions.filter((a) => a.availableWhen?.(item) ?? true).map((a) => a.name) };
}
