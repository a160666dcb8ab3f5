import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { getOrganization, updateOrganization } from '../../core/orgs/index.ts';
import {
  type CoffeeSettingsJson as CoffeeSettings,
  coffeeSettingsSchema,
} from './coffee-settings.contract.ts';

/** The stored coffee settings with defaults (a value that no longer parses reads as unset). */
const settingsFrom = (stored: unknown): CoffeeSettings => {
  const parsed = coffeeSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : coffeeSettingsSchema.parse({});
};

/** The organization's coffee settings, with defaults for what is unset. */
export async function coffeeSettingsOf(ctx: Ctx): Promise<CoffeeSettings> {
  return settingsFrom((await getOrganization(ctx)).settings.coffee);
}

/** Merges a change into `organization.settings.coffee` (audited by the orgs area). */
export async function updateCoffeeSettings(
  ctx: Ctx,
  patch: Partial<CoffeeSettings>,
): Promise<CoffeeSettings> {
  return inTransaction(ctx, async (tx) => {
    const org = await getOrganization(tx, { forUpdate: true });
    const next = coffeeSettingsSchema.parse({ ...settingsFrom(org.settings.coffee), ...patch });
    await updateOrganization(tx, { settings: { coffee: next } });
    return next;
  });
}
