import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { type SqlBool, sql } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import type { Ctx } from '../context/index.ts';
import { csvCell } from './csv-cells.rules.ts';
import type { ListParams } from './list-params.rules.ts';
import { columnOf, fromResource, selectionOf, toItem, whereOf } from './list-query.ts';
import type { ColumnSqlScope, ResourceDefinition } from './resource.types.ts';
import { columnExpr, idSql, scopeOf } from './resource-sql.ts';

const BATCH = 1000;

/**
 * Every record matching the list's filters and sort, fetched in keyset batches: each batch is a
 * short query of its own, so a slow download holds no transaction and no connection (PGlite has
 * only one), and memory stays at one batch whatever the table size. Rows inserted while the
 * download runs may or may not appear.
 *
 * PostgreSQL's default order puts NULLs last ascending and first descending. Records with and
 * without a sort value are walked in two separate passes, because one keyset condition covering
 * both (`... or sort is null`) stops the planner from starting the index scan at the last key.
 */
export async function* exportRecords(
  ctx: Ctx,
  resource: ResourceDefinition,
  params: ListParams,
): AsyncGenerator<Record<string, unknown>> {
  const passes: Pass[] = params.order === 'asc' ? ['values', 'nulls'] : ['nulls', 'values'];
  // One instant for the whole download, so a status that depends on the clock cannot change mid-file.
  const scope = scopeOf(ctx.clock);
  for (const pass of passes) yield* exportPass(ctx, resource, params, pass, scope);
}

type Pass = 'values' | 'nulls';

async function* exportPass(
  ctx: Ctx,
  resource: ResourceDefinition,
  params: ListParams,
  pass: Pass,
  scope: ColumnSqlScope,
): AsyncGenerator<Record<string, unknown>> {
  const where = whereOf(resource, params, scope);
  const sortExpr = columnExpr(resource, columnOf(resource, params.sort), scope);
  const id = sql.raw(idSql(resource));
  const after = params.order === 'asc' ? sql.raw('>') : sql.raw('<');
  let last: { sort: unknown; id: unknown } | null = null;
  for (;;) {
    let query = where.reduce((q, w) => q.where(w), fromResource(ctx, resource));
    query = query.where(
      pass === 'values' ? sql<SqlBool>`${sortExpr} is not null` : sql<SqlBool>`${sortExpr} is null`,
    );
    if (last && pass === 'values')
      query = query.where(sql<SqlBool>`(${sortExpr}, ${id}) ${after} (${last.sort}, ${last.id})`);
    if (last && pass === 'nulls') query = query.where(sql<SqlBool>`${id} ${after} ${last.id}`);
    if (pass === 'values') query = query.orderBy(sortExpr, params.order);
    const rows = await query
      .select([
        ...selectionOf(resource, resource.columns, scope),
        // Keys as text: timestamps keep their microseconds, which a JS Date would round away.
        sql<string>`${sortExpr}::text`.as('__sort'),
        sql<string>`${id}::text`.as('__id'),
      ])
      .orderBy(id, params.order)
      .limit(BATCH)
      .execute();
    for (const row of rows) yield toItem(resource, row);
    const tail = rows.at(-1);
    if (!tail || rows.length < BATCH) return;
    last = { sort: tail.__sort, id: tail.__id };
  }
}

export interface CsvExport {
  filename: string;
  stream: Readable;
}

/**
 * Streams a resource as CSV (UTF-8 with BOM, so Excel reads accents and Devanagari right; header
 * row of column names, so the file imports back). Text cells are neutralized against formula
 * injection. Who exported what is audited before the first byte.
 */
export async function exportCsv(
  ctx: Ctx,
  resource: ResourceDefinition,
  params: ListParams,
  onError: (err: Error) => void,
): Promise<CsvExport> {
  const columns = (params.columns ?? resource.columns.map((c) => c.name)).map((n) => columnOf(resource, n));
  await recordAudit(ctx, {
    action: 'resources.export.downloaded',
    subject: { type: 'resource', id: resource.name },
    meta: { q: params.q, sort: params.sort, order: params.order, filters: params.filters },
  });
  async function* lines() {
    yield columns.map((c) => c.name);
    for await (const item of exportRecords(ctx, resource, params)) {
      yield columns.map((c) => csvCell(item[c.name], c.type));
    }
  }
  const stream = pipeline(Readable.from(lines()), stringify({ bom: true }), (err) => {
    if (err) onError(err);
  });
  const day = ctx.clock.now().toISOString().slice(0, 10);
  return { filename: `${resource.name}-${day}.csv`, stream };
}
