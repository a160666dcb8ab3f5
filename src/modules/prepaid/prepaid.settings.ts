import { z } from 'zod';
import type { Ctx } from '../../core/context/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import { DEFAULT_UNUSED_TOKEN_DAYS } from './meter-device.rules.ts';

/** `organization.settings.prepaid`: what an operator tunes without a deploy (`PATCH /api/org`). */
export const prepaidSettingsSchema = z.object({
  /** Days a token of a reporting meter may wait to be keyed in before it is flagged. */
  unusedTokenDays: z.number().int().min(1).max(365).default(DEFAULT_UNUSED_TOKEN_DAYS),
});
export type PrepaidSettings = z.infer<typeof prepaidSettingsSchema>;

/** The organization's prepaid settings, with defaults for what is unset or unreadable. */
export async function prepaidSettingsOf(ctx: Ctx): Promise<PrepaidSettings> {
  const org = await getOrganization(ctx);
  const parsed = prepaidSettingsSchema.safeParse(org.settings.prepaid ?? {});
  return parsed.success ? parsed.data : prepaidSettingsSchema.parse({});
}
