import { z } from 'zod';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { getOrganization, updateOrganization } from '../../core/orgs/index.ts';

/** `organization.settings.raffle`: what a seller tunes without a deploy. */
export const raffleSettingsSchema = z.object({
  /**
   * The account buyers pay into, as they should type it ("Banco Itaú, cuenta 123-456, Rifas SA",
   * "Tigo Money 0981 123 456"); the bot names it in its payment instructions. Null: not set.
   */
  paymentAccount: z.string().trim().max(300).nullable().default(null),
});
export type RaffleSettings = z.infer<typeof raffleSettingsSchema>;

/** The organization's raffle settings with defaults (a stored value that no longer parses reads as unset). */
export async function raffleSettingsOf(ctx: Ctx): Promise<RaffleSettings> {
  const org = await getOrganization(ctx);
  const parsed = raffleSettingsSchema.safeParse(org.settings.raffle ?? {});
  return parsed.success ? parsed.data : raffleSettingsSchema.parse({});
}

/** Merges a change into `organization.settings.raffle` (audited by the orgs area). */
export async function updateRaffleSettings(
  ctx: Ctx,
  patch: Partial<RaffleSettings>,
): Promise<RaffleSettings> {
  return inTransaction(ctx, async (tx) => {
    const org = await getOrganization(tx, { forUpdate: true });
    const next = raffleSettingsSchema.parse({
      ...((org.settings.raffle as object | undefined) ?? {}),
      ...patch,
    });
    // A cleared field is no account, not an empty one.
    if (!next.paymentAccount) next.paymentAccount = null;
    await updateOrganization(tx, { settings: { raffle: next } });
    return next;
  });
}
