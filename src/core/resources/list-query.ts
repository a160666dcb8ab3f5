/** One page of a resource list: the WHERE (list-where.ts) and a page of rows with its total (list-pages.ts). */
import type { Expression, SqlBool } from 'kysely';
import type { Ctx } from '../context/index.ts';
import { encodeCursor } from './list-cursor.rules.ts';
import { countOf, EXACT_COUNT_LIMIT, estimateOf, keyOf, keysetRows, offsetPageQuery } from './list-pages.ts';
import type { ListParams } from './list-params.rules.ts';
import { anyMatch, searchModeOf, whereIn } from './list-where.ts';
import type { ColumnSqlScope, ResourceDefinition } from './resource.types.ts';
import { filteredQuery, type Row, toItem, withAvailableActions, withFilledColumns } from './resource-rows.ts';
import { scopeOf } from './resource-sql.ts';

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
    // Never fewer than the records this page shows exist (a cursor page trusts the page number it is
    // sent with). A page past the end shows none, so it says nothing of how many there are: its
    // offset is no count (issue 54, item 24: page 2 of 3 students counted 50).
    const seen = rows.length > 0 ? offset + rows.length + (rows.length === params.perPage ? 1 : 0) : 0;
    total = Math.max(counted.total, seen);
    totalExact = counted.exact;
  }
  const last = rows.at(-1);
  const items = await withFilledColumns(
    ctx,
    resource,
    rows.map((r) => toItem(resource, r)),
  );
  return {
    items: items.map((item) => withAvailableActions(resource, item)),
    total,
    totalExact,
    page: params.page,
    perPage: params.perPage,
    nextCursor:
      last && rows.length === params.perPage ? encodeCursor(params.sort, params.order, keyOf(last)) : null,
  };
}
