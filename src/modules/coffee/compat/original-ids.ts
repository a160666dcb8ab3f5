import type { Ctx } from '../../../core/context/index.ts';
import { importedSourcesOf, importedTargetOf } from '../../../core/imports/index.ts';
import { isUuid } from '../../../platform/ids/index.ts';

/** The original's models whose ids its API takes or answers, as the import's origin map names them. */
export const ORIGINAL_MODELS = {
  merchant: 'coffee.merchant',
  location: 'coffee.location',
  order: 'coffee.order',
} as const;
type Kind = keyof typeof ORIGINAL_MODELS;

/**
 * The Opsdesk id of what a caller of the original's API names: our own id as it is, or the
 * original's key of a record the import brought over (`merchant_id=3`, an order's `order_id`), so
 * scripts and firmware written against the original keep finding their records. A key the import
 * never brought is not found.
 */
export async function ourId(ctx: Ctx, kind: Kind, given: string): Promise<string | undefined> {
  if (kind !== 'order' && isUuid(given)) return given;
  if (kind !== 'order' && !/^\d{1,18}$/.test(given)) return undefined;
  const key = kind === 'order' ? given : String(Number(given));
  return importedTargetOf(ctx, 'coffee', ORIGINAL_MODELS[kind], key);
}

/** The original's integer id of a record the import brought over (the merchant a machine belongs to), or null. */
export async function originalId(ctx: Ctx, kind: Kind, id: string | null): Promise<number | null> {
  if (id === null) return null;
  const key = (await importedSourcesOf(ctx, 'coffee', ORIGINAL_MODELS[kind], [id])).get(id);
  return key && /^\d+$/.test(key) ? Number(key) : null;
}

/** No merchant's id: a filter by a merchant the import never brought finds nothing, as the original's would. */
const NO_MERCHANT = '00000000-0000-0000-0000-000000000000';

/** The merchant a filter names, by our id or the original's: always an id to filter by. */
export async function merchantOf(ctx: Ctx, given: string): Promise<string> {
  return (await ourId(ctx, 'merchant', given)) ?? NO_MERCHANT;
}
