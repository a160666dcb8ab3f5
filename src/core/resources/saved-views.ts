import { PlatformErrors } from '../../platform/errors/index.ts';
import { isUuid } from '../../platform/ids/index.ts';
import type { Ctx } from '../context/index.ts';
import { RESERVED_PARAMS } from './define-resource.ts';
import { parseListParams } from './list-params.rules.ts';
import type { ResourceDefinition } from './resource.types.ts';
import type { SavedView } from './resources.contract.ts';
import { invalidBody } from './resources.errors.ts';
import type { SavedViewParams, SavedViewTables } from './saved-views.tables.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<SavedViewTables>();

/** The caller's own views of one resource, by name. */
export async function listViews(ctx: Ctx, userId: string, resource: string): Promise<SavedView[]> {
  const rows = await tables(ctx)
    .selectFrom('saved_view')
    .selectAll()
    .where('user_id', '=', userId)
    .where('resource', '=', resource)
    .orderBy('name')
    .execute();
  return rows.map(toView);
}

/**
 * Saves a view under a name, replacing the caller's view of that name. The parameters are checked
 * against the resource like a list request, so a view can never hold a filter the list refuses.
 */
export async function saveView(
  ctx: Ctx,
  userId: string,
  input: { resource: ResourceDefinition; name: string; params: SavedViewParams },
): Promise<SavedView> {
  const { params } = input;
  const reserved = Object.keys(params.filters).filter((k) =>
    (RESERVED_PARAMS as readonly string[]).includes(k),
  );
  if (reserved.length)
    throw invalidBody(`params.filters.${reserved[0]}`, 'is not a filter', 'a filter parameter');
  parseListParams(input.resource, {
    ...params.filters,
    sort: params.sort,
    order: params.order,
    perPage: params.perPage === undefined ? undefined : String(params.perPage),
    columns: params.columns?.join(','),
  });
  const row = await tables(ctx)
    .insertInto('saved_view')
    .values({
      user_id: userId,
      resource: input.resource.name,
      name: input.name,
      params: JSON.stringify(params),
    })
    .onConflict((oc) =>
      oc
        .columns(['org_id', 'user_id', 'resource', 'name'])
        .doUpdateSet((eb) => ({ params: eb.ref('excluded.params') })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toView(row);
}

/** Deletes one of the caller's own views; someone else's is `not_found`. */
export async function deleteView(ctx: Ctx, userId: string, id: string): Promise<void> {
  if (!isUuid(id)) throw PlatformErrors.not_found({ id });
  const gone = await tables(ctx)
    .deleteFrom('saved_view')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (gone.numDeletedRows === 0n) throw PlatformErrors.not_found({ id });
}

function toView(row: {
  id: string;
  resource: string;
  name: string;
  params: SavedViewParams;
  created_at: Date;
}): SavedView {
  return {
    id: row.id,
    resource: row.resource,
    name: row.name,
    params: row.params,
    createdAt: row.created_at.toISOString(),
  };
}
