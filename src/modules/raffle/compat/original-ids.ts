import type { Ctx } from '../../../core/context/index.ts';
import { importedTargetOf } from '../../../core/imports/index.ts';
import { isUuid } from '../../../platform/ids/index.ts';
import { RaffleErrors } from '../raffle.errors.ts';

/** The original's models whose ids its API takes, as the import's origin map names them. */
export const ORIGINAL_MODELS = {
  raffle: 'raffles.raffle',
  order: 'raffles.order',
  contact: 'whatsapp.whatsappcontact',
} as const;

/**
 * The Opsdesk id of what a caller of the original's API names: our own id as it is, or the
 * original's integer pk of a record the import brought over (the import's origin map, `raffle`
 * module), so scripts and links written against the original keep finding their raffles and orders.
 * An integer the import never brought is not found.
 */
export async function ourId(
  ctx: Ctx,
  kind: keyof typeof ORIGINAL_MODELS,
  given: string,
): Promise<string | undefined> {
  if (isUuid(given)) return given;
  if (!/^\d{1,18}$/.test(given)) return undefined;
  return importedTargetOf(ctx, 'raffle', ORIGINAL_MODELS[kind], String(Number(given)));
}

/** `ourId` for a raffle or an order in a path: not found is the native 404. */
export async function raffleIdOf(ctx: Ctx, given: string): Promise<string> {
  const id = await ourId(ctx, 'raffle', given);
  if (!id) throw RaffleErrors.raffle_not_found({ raffleId: given });
  return id;
}

export async function orderIdOf(ctx: Ctx, given: string): Promise<string> {
  const id = await ourId(ctx, 'order', given);
  if (!id) throw RaffleErrors.order_not_found({ orderId: given });
  return id;
}
