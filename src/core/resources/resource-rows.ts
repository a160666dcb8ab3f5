/**
 * A resource's rows as SQL and JSON: its FROM with joins (organization-scoped), its columns as a
 * selection, one record by id, and the values made JSON-ready. Lists, exports and actions build on these.
 */
import { type Expression, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import { PlatformErrors } from '../../platform/errors/index.ts';
import type { Ctx } from '../context/index.ts';
import type { ColumnSqlScope, ResourceColumn, ResourceDefinition } from './resource.types.ts';
import { columnExpr, idSql, scopeOf } from './resource-sql.ts';

export type AnyTables = Record<string, Record<string, unknown>>;

export type Row = Record<string, unknown>;

export type ResourceQuery = SelectQueryBuilder<AnyTables, string, Row>;

const DEFAULT_ID = z.uuid();

/**
 * FROM and JOINs through the builder (not raw SQL) so the organization scope adds
 * `org_id = $org` to every org-owned table of the resource.
 */
export function fromResource(ctx: Ctx, resource: ResourceDefinition): ResourceQuery {
  const db = ctx.db.withTables<AnyTables>();
  let query: ResourceQuery = db.selectFrom(resource.table);
  for (const join of resource.joins ?? []) {
    const [left, right] = join.on as [never, never];
    query =
      join.kind === 'left'
        ? query.leftJoin(join.table, left, right)
        : query.innerJoin(join.table, left, right);
  }
  return query;
}

/** The resource's rows that pass the filters and search. */
export function filteredQuery(ctx: Ctx, resource: ResourceDefinition, where: Expression<SqlBool>[]) {
  return where.reduce((q, w) => q.where(w), fromResource(ctx, resource));
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
  const [item] = await withFilledColumns(ctx, resource, [toItem(resource, row)]);
  return withAvailableActions(resource, item!);
}

/** The items with their `filled` columns worded by the resource's `fillColumns` (one call for all). */
export async function withFilledColumns(
  ctx: Ctx,
  resource: ResourceDefinition,
  items: Row[],
): Promise<Row[]> {
  if (!resource.fillColumns || items.length === 0) return items;
  const filled = await resource.fillColumns(ctx, items);
  const names = resource.columns.filter((c) => c.filled).map((c) => c.name);
  const idField = idFieldOf(resource);
  return items.map((item) => {
    const values = filled.get(String(item[idField]));
    return values ? { ...item, ...Object.fromEntries(names.map((n) => [n, values[n] ?? null])) } : item;
  });
}

/** Adds `_actions` (the actions offered on this record) when any action of the resource depends on the record. */
export function withAvailableActions(resource: ResourceDefinition, item: Row): Row {
  const actions = resource.actions ?? [];
  if (!actions.some((a) => a.availableWhen)) return item;
  return { ...item, _actions: actions.filter((a) => a.availableWhen?.(item) ?? true).map((a) => a.name) };
}
