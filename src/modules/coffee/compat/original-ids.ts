import type { Ctx } from '../../../core/context/index.ts';
import type { ImportsTables } from '../../../core/imports/index.ts';
import type { Db } from '../../../platform/db/index.ts';

/** The original's models whose ids its API takes or answers, as the import's origin map names them. */
export const ORIGINAL_MODELS = {
  merchant: 'coffee.merchant',
  location: 'coffee.location',
  order: 'coffee.order',
} as const;
type Kind = keyof typeof ORIGINAL_MODELS;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const origins = (db: Db) => db.withTables<ImportsTables>().selectFrom('import_origin');

/**
 * The Opsdesk id of what a caller of the original's API names: our own id as it is, or the
 * original's key of a record the import brought over (`merchant_id=3`, an order's `order_id`), so
 * scripts and firmware written against the original keep finding their records. A key the import
 * never brought is not found. Reads core's `import_origin` table (one indexed row, in the caller's
 * organization) until core/imports answers this itself.
 */
export async function ourId(ctx: Ctx, kind: Kind, given: string): Promise<string | undefined> {
  if (kind !== 'order' && UUID.test(given)) return given;
  if (kind !== 'order' && !/^\d{1,18}$/.test(given)) return undefined;
  const found = await origins(ctx.db)
    .select('target_id')
    .where('module', '=', 'coffee')
    .where('source_model', '=', ORIGINAL_MODELS[kind])
    .where('source_pk', '=', kind === 'order' ? given : String(Number(given)))
    .executeTakeFirst();
  return found?.target_id;
}

/** The original's integer id of a record the import brought over (the merchant a machine belongs to), or null. */
export async function originalId(
  db: Db,
  orgId: string,
  kind: Kind,
  id: string | null,
): Promise<number | null> {
  if (id === null) return null;
  const found = await origins(db)
    .select('source_pk')
    .where('org_id', '=', orgId)
    .where('module', '=', 'coffee')
    .where('source_model', '=', ORIGINAL_MODELS[kind])
    .where('target_id', '=', id)
    .executeTakeFirst();
  return found && /^\d+$/.test(found.source_pk) ? Number(found.source_pk) : null;
}

/** No merchant's id: a filter by a merchant the import never brought finds nothing, as the original's would. */
const NO_MERCHANT = '00000000-0000-0000-0000-000000000000';

/** The merchant a filter names, by our id or the original's: always an id to filter by. */
export async function merchantOf(ctx: Ctx, given: string): Promise<string> {
  return (await ourId(ctx, 'merchant', given)) ?? NO_MERCHANT;
}
