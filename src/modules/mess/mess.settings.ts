import type { Ctx } from '../../core/context/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import { type MessSettingsJson, messSettingsSchema } from './mess.contract.ts';

export type MessSettings = MessSettingsJson;

/** The organization's mess settings with defaults, and its time zone and currency. */
export async function messSettingsOf(
  ctx: Ctx,
): Promise<MessSettings & { timeZone: string; currency: string; languages: string[] }> {
  const org = await getOrganization(ctx);
  const settings = parseMessSettings(org.settings.mess);
  return { ...settings, timeZone: org.timeZone, currency: org.currency, languages: org.languages };
}

/** `organization.settings.mess` as stored, with defaults; unreadable settings read as the defaults. */
export function parseMessSettings(stored: unknown): MessSettings {
  const parsed = messSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : messSettingsSchema.parse({});
}
