import { type Expression, type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import { PlatformErrors } from '../../platform/errors/index.ts';
import type { Ctx } from '../context/index.ts';
import type { FilterClause, ListParams } from './list-params.rules.ts';
import type { ColumnSqlScope, ResourceColumn, ResourceDefinition } from './resource.types.ts';
import { columnExpr, idSql, prefixTsQuery, SEARCH_CONFIG, scopeOf, searchVectorSql } from './resource-sql.ts';

type AnyTables = Record<string, Record<string, unknown>>;
type Row = Record<string, unknown>;
export type ResourceQuery = SelectQueryBuilder<AnyTables, string, Row>;

export interface ListPage {
  items: Row[];
  total: number;
  page: number;
  perPage: number;
}

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
): Expression<SqlBool>[] {
  const out = params.filters.map((f) => filterSql(resource, f, scope));
  const vector = searchVectorSql(resource);
  const tsquery = params.q ? prefixTsQuery(params.q) : null;
  if (vector && tsquery) {
    out.push(sql<SqlBool>`${sql.raw(vector)} @@ to_tsquery(${SEARCH_CONFIG}::regconfig, ${tsquery})`);
  }
  return out;
}

function filterSql(
  resource: ResourceDefinition,
  f: FilterClause,
  scope: ColumnSqlScope,
): Expression<SqlBool> {
  const expr = columnExpr(resource, columnOf(resource, f.column), scope);
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
        return (c.type === 'date' ? sql`to_char(${expr}, 'YYYY-MM-DD')` : expr).as(c.name);
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
 * One page of a resource. The total is counted only when the page does not tell it already
 * (a short page reveals the end).
 */
export async function listResource(
  ctx: Ctx,
  resource: ResourceDefinition,
  params: ListParams,
): Promise<ListPage> {
  const scope = scopeOf(ctx.clock);
  const where = whereOf(resource, params, scope);
  const filtered = where.reduce((q, w) => q.where(w), fromResource(ctx, resource));
  const sortExpr = columnExpr(resource, columnOf(resource, params.sort), scope);
  const offset = (params.page - 1) * params.perPage;
  const rows = await filtered
    .select(selectionOf(resource, resource.columns, scope))
    .orderBy(sortExpr, params.order)
    .orderBy(sql.raw(idSql(resource)), params.order)
    .limit(params.perPage)
    .offset(offset)
    .execute();
  let total = offset + rows.length;
  if (rows.length === params.perPage || (rows.length === 0 && offset > 0)) {
    const counted = await filtered.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
    total = Number(counted.n);
  }
  return {
    items: rows.map((r) => withAvailableActions(resource, toItem(resource, r))),
    total,
    page: params.page,
    perPage: params.perPage,
  };
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
