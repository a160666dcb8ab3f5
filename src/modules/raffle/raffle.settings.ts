import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { getOrganization, type Organization, updateOrganization } from '../../core/orgs/index.ts';
import { type RaffleSettings, raffleSettingsSchema } from './raffle.contract.ts';

/** The organization's raffle settings with defaults (a stored value that no longer parses reads as unset). */
export async function raffleSettingsOf(ctx: Ctx): Promise<RaffleSettings> {
  return raffleSettingsIn(await getOrganization(ctx));
}

/** The raffle settings of an organization already read (a chat step's: `FlowContext.organization`). */
export function raffleSettingsIn(org: Pick<Organization, 'settings'>): RaffleSettings {
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
