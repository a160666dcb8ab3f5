import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { recordAudit } from '../audit/index.ts';
import type { Ctx } from '../context/index.ts';
import { csvCell } from './csv-cells.rules.ts';
import type { ListCursor } from './list-cursor.rules.ts';
import { EXACT_COUNT_LIMIT, estimateOf, keysetRows } from './list-pages.ts';
import type { ListParams } from './list-params.rules.ts';
import { listWhere } from './list-where.ts';
import type { ResourceDefinition } from './resource.types.ts';
import { columnOf, filteredQuery, toItem, withFilledColumns } from './resource-rows.ts';
import { scopeOf } from './resource-sql.ts';

const BATCH = 1000;

/**
 * Every record matching the list's filters and sort, fetched in keyset batches: each batch is a
 * short query of its own, so a slow download holds no transaction and no connection (PGlite has
 * only one), and memory stays at one batch whatever the table size. Rows inserted while the
 * download runs may or may not appear.
 */
export async function* exportRecords(
  ctx: Ctx,
  resource: ResourceDefinition,
  params: ListParams,
): AsyncGenerator<Record<string, unknown>> {
  // One instant for the whole download, so a status that depends on the clock cannot change mid-file.
  const scope = scopeOf(ctx.clock);
  const where = await listWhere(ctx, resource, params, scope);
  const few =
    where.length > 0 && (await estimateOf(ctx, filteredQuery(ctx, resource, where))) <= EXACT_COUNT_LIMIT;
  let after: ListCursor | null = null;
  for (;;) {
    const rows = await keysetRows(ctx, resource, params, where, scope, after, BATCH, few);
    yield* await withFilledColumns(
      ctx,
      resource,
      rows.map((row) => toItem(resource, row)),
    );
    const tail = rows.at(-1);
    if (!tail || rows.length < BATCH) return;
    after = { value: (tail.__sort as string | null) ?? null, id: String(tail.__id) };
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
