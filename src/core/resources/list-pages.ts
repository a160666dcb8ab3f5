/**
 * Pages of a list: by offset or by keyset (a cursor), and the total, exact while cheap, else the
 * planner's estimate.
 */
import { CompiledQuery, type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Ctx } from '../context/index.ts';
import type { ListCursor } from './list-cursor.rules.ts';
import type { ListParams } from './list-params.rules.ts';
import type { ColumnSqlScope, ResourceDefinition } from './resource.types.ts';
import {
  type AnyTables,
  columnOf,
  filteredQuery,
  type ResourceQuery,
  type Row,
  selectionOf,
} from './resource-rows.ts';
import { columnExpr, idSql } from './resource-sql.ts';

/**
 * Up to this many matching records are counted exactly (an index-only walk of at most this many
 * entries); past it the total is the planner's estimate, so no request ever counts a million rows.
 */
export const EXACT_COUNT_LIMIT = 10_000;

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

export function keyOf(row: Row): ListCursor {
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
  const counted = await ctx.db
    .withTables<AnyTables>()
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
