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
  type SearchDoc,
  scopeOf,
  searchVectorSql,
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

/**
 * The keys of a joined or searched table's records that contain one search word (see `searchKeysOf`);
 * `null` when there are too many to list, and the word is then tested on each listed record.
 */
export type KeysOf = (doc: SearchDoc, word: string) => readonly unknown[] | null;

/**
 * Past this many matching records of another table, a search word is tested on each listed
 * record instead of listed as keys: so many matches are dense (1 in 100 of a million records), and
 * a page fills after a few thousand rows. Up to it the keys travel as one array parameter.
 */
export const KEY_LIST_LIMIT = 10_000;

/** The near misses of another table a search word takes, at most (they are suggestions). */
const NEAR_KEY_LIMIT = 1_000;

/** Filters and search as bound SQL; the expressions come from the declaration only. */
export function whereOf(
  resource: ResourceDefinition,
  params: ListParams,
  scope: ColumnSqlScope,
  search: SearchMode = 'words',
  keysOf: KeysOf = () => null,
): Expression<SqlBool>[] {
  const out = params.filters.map((f) => filterSql(resource, f, scope));
  const words = searchWordsOf(params.q);
  const mode = modeFor(resource, words, search);
  // Every word is found in one of the documents: with trigrams as a part of a word (`art` in Marta)
  // or, in `near` mode, also as a near miss (`gomes` ~ Gomez), each served by the trigram GIN index
  // on the same expression (trigramIndexSql); without, as the start of a word. Another table's
  // matches come as their keys, which the planner weighs against the large table's statistics
  // and reads from its index, instead of guessing how many rows a subquery selects.
  const docs = searchDocsOf(resource, mode);
  for (const word of docs.length ? words : []) {
    const matches = docs.flatMap((doc) => {
      const match = matchOf(doc, word, mode);
      if (doc.table === resource.table) return [match];
      const keys = keysOf(doc, word);
      if (keys === null) return [onEachRecord(doc, match)];
      const [, key] = keyColumnsOf(resource, doc);
      return keys.length ? [sql<SqlBool>`${ident(key)} = any(${keys})`] : [];
    });
    out.push(anyOf(matches));
  }
  return out;
}

/** Trigrams need a word of three letters: shorter ones alone are matched as word starts. */
function modeFor(resource: ResourceDefinition, words: string[], search: SearchMode): SearchMode {
  if (search === 'words' || !words.some((w) => w.length >= MIN_TRIGRAM_QUERY)) return 'words';
  return trigramDocsOf(resource).length ? search : 'words';
}

/**
 * What a mode searches: with trigrams, one document per table (trigramDocsOf); word starts go
 * through the record's text-search vector (its joined columns included) and the searched relations.
 */
function searchDocsOf(resource: ResourceDefinition, mode: SearchMode): SearchDoc[] {
  if (mode !== 'words') return trigramDocsOf(resource);
  const vector = searchVectorSql(resource);
  return [
    ...(vector ? [{ table: resource.table, sql: vector, vector: true }] : []),
    ...trigramDocsOf(resource).filter((d) => d.via),
  ];
}

/**
 * One word in one document: a part of it, in `near` mode also a near miss (trigram similarity);
 * in a text-search vector, the start of one of its words.
 */
function matchOf(doc: SearchDoc, word: string, mode: SearchMode): RawBuilder<SqlBool> {
  if (doc.vector) {
    const tsquery = prefixTsQuery(word);
    return tsquery
      ? sql<SqlBool>`${sql.raw(doc.sql)} @@ to_tsquery(${SEARCH_CONFIG}::regconfig, ${tsquery})`
      : sql<SqlBool>`false`;
  }
  const pattern = `%${word.replace(/[\\%_]/g, '\\$&')}%`;
  return mode === 'near' && word.length >= MIN_TRIGRAM_QUERY
    ? sql<SqlBool>`(${sql.raw(doc.sql)} ilike ${pattern} or ${word} <% ${sql.raw(doc.sql)})`
    : sql<SqlBool>`${sql.raw(doc.sql)} ilike ${pattern}`;
}

function anyOf(matches: Expression<SqlBool>[]): Expression<SqlBool> {
  if (matches.length === 0) return sql<SqlBool>`false`;
  return matches.length === 1 ? matches[0]! : sql<SqlBool>`(${sql.join(matches, sql` or `)})`;
}

const ident = (qualified: string) => sql.raw(qualified.split('.').map(quoteIdent).join('.'));

/** The document's table's key column, then the list's column it pairs with. */
function keyColumnsOf(resource: ResourceDefinition, doc: SearchDoc): [string, string] {
  if (doc.via) return doc.via;
  const on = resource.joins?.find((j) => j.table === doc.table)?.on;
  const own = on?.find((c) => c.startsWith(`${doc.table}.`));
  const other = on?.find((c) => c !== own);
  if (!own || !other) throw new Error(`resource ${resource.name}: ${doc.table} is not joined on a column`);
  return [own, other];
}

/**
 * A match tested on each listed record: a joined table's row is already in the list's FROM; a
 * searched relation's rows are looked up by the record's key (`exists`, through an index on the
 * key). `offset 0` keeps the planner from hashing the whole subquery first: it would collect every
 * matching row of the relation (a million phones contain "0700") before the page's first record.
 */
function onEachRecord(doc: SearchDoc, match: RawBuilder<SqlBool>): RawBuilder<SqlBool> {
  if (!doc.via) return match;
  const [own, other] = doc.via;
  return sql<SqlBool>`exists (select 1 from ${sql.raw(quoteIdent(doc.table))} where ${ident(own)} = ${ident(other)} and ${match} offset 0)`;
}

/**
 * For each search word, the keys of the joined and searched tables' records that contain it (at
 * most KEY_LIST_LIMIT each, found through their trigram index, in the caller's organization when
 * the table is org-owned), so `whereOf` can hand the planner key lists. More matches than that
 * are dense: `null`, tested on each listed record (near misses stop at NEAR_KEY_LIMIT).
 */
export async function searchKeysOf(
  ctx: Ctx,
  resource: ResourceDefinition,
  params: ListParams,
  search: SearchMode,
): Promise<KeysOf> {
  const found = new Map<string, unknown[] | null>();
  const slot = (doc: SearchDoc, word: string) => `${doc.table}\n${word}`;
  const db = ctx.db as unknown as Kysely<AnyTables>;
  const words = searchWordsOf(params.q);
  const mode = modeFor(resource, words, search);
  for (const doc of searchDocsOf(resource, mode)) {
    if (doc.table === resource.table) continue;
    const [own] = keyColumnsOf(resource, doc);
    for (const word of words) {
      // Near misses are suggestions: the first NEAR_KEY_LIMIT of them are enough, and testing a
      // similarity on each listed record instead could walk most of a large table.
      const near = mode === 'near';
      const rows = await db
        .selectFrom(doc.table)
        .select(ident(own).as('key'))
        .where(matchOf(doc, word, mode))
        .limit(near ? NEAR_KEY_LIMIT : KEY_LIST_LIMIT + 1)
        .execute();
      found.set(slot(doc, word), !near && rows.length > KEY_LIST_LIMIT ? null : unique(rows));
    }
  }
  return (doc, word) => found.get(slot(doc, word)) ?? null;
}

const unique = (rows: { key: unknown }[]) => [...new Set(rows.map((r) => r.key))];

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
  few = false,
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
  if (pass === 'values') query = query.orderBy(orderExprOf(sortExpr, few), params.order);
  return query
    .select(keyedSelection(resource, params, scope))
    .orderBy(id, params.order)
    .limit(limit);
}

/**
 * What a person typed, as lowercase words (spaces and punctuation between them), at most 8. A phone
 * number typed in groups after a + or a 0 ("0788 123 456", "+91 98765-43210": 9 to 15 digits) is
 * one word of its digits, without the trunk 0 or the 00 of a local or international prefix, so it
 * is found inside a stored +250788123456.
 */
export function searchWordsOf(q: string | null): string[] {
  const words = (q ?? '')
    .toLowerCase()
    .replace(/(?<=^|\s)(?:\+|0)[\d\s().-]*\d(?=$|\s)/gu, (typed) => {
      const digits = typed.replace(/\D/g, '');
      return digits.length >= 9 && digits.length <= 15 ? digits.replace(/^0{1,2}/, '') : typed;
    })
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
  const where = await whereIn(ctx, resource, params, scope, mode);
  if (mode !== 'parts' || (await anyMatch(ctx, resource, where))) return where;
  return whereIn(ctx, resource, params, scope, 'near');
}

/** The conditions of one search mode, with the keys of the other tables' matches looked up. */
async function whereIn(
  ctx: Ctx,
  resource: ResourceDefinition,
  params: ListParams,
  scope: ColumnSqlScope,
  mode: SearchMode,
): Promise<Expression<SqlBool>[]> {
  return whereOf(resource, params, scope, mode, await searchKeysOf(ctx, resource, params, mode));
}

async function anyMatch(ctx: Ctx, resource: ResourceDefinition, where: Expression<SqlBool>[]) {
  const any = await filteredQuery(ctx, resource, where).select(sql<number>`1`.as('one')).limit(1).execute();
  return any.length > 0;
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
 * expects at most EXACT_COUNT_LIMIT matches; past that it is the planner's estimate. A search
 * reads words as parts of words; only when nothing has them all does it accept near misses.
 */
export async function listResource(
  ctx: Ctx,
  resource: ResourceDefinition,
  params: ListParams,
): Promise<ListPage> {
  const scope = scopeOf(ctx.clock);
  const mode = await searchModeOf(ctx, params);
  const where = await whereIn(ctx, resource, params, scope, mode);
  const page = await pageOf(ctx, resource, params, scope, where);
  if (mode !== 'parts' || page.items.length > 0) return page;
  // An empty page: past the end of the matches, or no record has the words (then near misses).
  const firstPage = params.page === 1 && !params.after;
  if (!firstPage && (await anyMatch(ctx, resource, where))) return page;
  return pageOf(ctx, resource, params, scope, await whereIn(ctx, resource, params, scope, 'near'));
}

/**
 * The page of the records that pass `where`. With filters or a search the planner's estimate is
 * asked first: few matches are collected and sorted, and counted in the same statement.
 */
async function pageOf(
  ctx: Ctx,
  resource: ResourceDefinition,
  params: ListParams,
  scope: ColumnSqlScope,
  where: Expression<SqlBool>[],
): Promise<ListPage> {
  const filtered = filteredQuery(ctx, resource, where);
  const estimate = where.length ? await estimateOf(ctx, filtered) : null;
  const few = estimate !== null && estimate <= EXACT_COUNT_LIMIT;
  const offset = (params.page - 1) * params.perPage;
  const rows = params.after
    ? await keysetRows(ctx, resource, params, where, scope, params.after, params.perPage, few)
    : await offsetPageQuery(ctx, resource, params, where, scope, few).execute();
  let total = offset + rows.length;
  let totalExact = true;
  if (few && !params.after && rows.length > 0) {
    total = Number(rows[0]!.__total);
  } else if (rows.length === params.perPage || (rows.length === 0 && offset > 0) || params.after) {
    const counted = await countOf(ctx, filtered, estimate ?? undefined);
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
  few = false,
) {
  // Few matches are all read before the sort anyway: counting them there costs nothing more.
  const total = few ? [sql<string>`count(*) over ()`.as('__total')] : [];
  return filteredQuery(ctx, resource, where)
    .select([...keyedSelection(resource, params, scope), ...total])
    .orderBy(orderExprOf(sortExprOf(resource, params, scope), few), params.order)
    .orderBy(sql.raw(idSql(resource)), params.order)
    .limit(params.perPage)
    .offset((params.page - 1) * params.perPage);
}

/** The sort column's expression in this request. */
function sortExprOf(resource: ResourceDefinition, params: ListParams, scope: ColumnSqlScope) {
  return columnExpr(resource, columnOf(resource, params.sort), scope);
}

/**
 * The sort as the page's ORDER BY. With few matches (`few`: the planner expects at most
 * EXACT_COUNT_LIMIT) it is `coalesce(e, e)`, the same order through no index: the planner then
 * collects the matches through the indexes of the filters and search and sorts them, instead of
 * walking the sort's index until it has a page. That walk assumes matches spread evenly; matches
 * bunched at the far end (the contacts of one e-mail domain, added in one week) cost a walk over
 * most of the table. With many matches the walk is what finds a page soonest.
 */
function orderExprOf(sortExpr: RawBuilder<unknown>, few: boolean) {
  return few ? sql`coalesce(${sortExpr}, ${sortExpr})` : sortExpr;
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

/** The planner's estimate of the filtered records (from the tables' statistics, no scan). */
export async function estimateOf(ctx: Ctx, filtered: ResourceQuery): Promise<number> {
  const compiled = filtered.select(sql<number>`1`.as('one')).compile();
  const explained = await ctx.db.executeQuery<{ 'QUERY PLAN': unknown }>(
    CompiledQuery.raw(`explain (format json) ${compiled.sql}`, [...compiled.parameters]),
  );
  return Math.round(planRowsOf(explained.rows[0]?.['QUERY PLAN']));
}

/**
 * Exact while cheap, else estimated: the planner's row estimate for the filtered query; when it
 * expects few matches they are counted, but never more than EXACT_COUNT_LIMIT + 1 of them.
 */
export async function countOf(
  ctx: Ctx,
  filtered: ResourceQuery,
  estimated?: number,
): Promise<{ total: number; exact: boolean }> {
  const probe = filtered.select(sql<number>`1`.as('one'));
  const estimate = estimated ?? (await estimateOf(ctx, filtered));
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
  few = false,
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
      few,
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
