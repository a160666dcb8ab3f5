import { z } from 'zod';
import type { Ctx } from '../../core/context/index.ts';
import { getOrganization, phoneCountryOf as phoneCountry } from '../../core/orgs/index.ts';
import { DEFAULT_UNUSED_TOKEN_DAYS } from './meter-device.rules.ts';

/** A token's validity when the organization did not choose one: a quarter, time to key in a token bought ahead. */
export const DEFAULT_TOKEN_VALIDITY_DAYS = 90;

/** `organization.settings.prepaid`: what an operator tunes without a deploy (`PATCH /api/org`). */
export const prepaidSettingsSchema = z.object({
  /** Days a token of a reporting meter may wait to be keyed in before it is flagged. */
  unusedTokenDays: z.number().int().min(1).max(365).default(DEFAULT_UNUSED_TOKEN_DAYS),
  /**
   * Days a token is valid after it is issued (issue 66; the seed promises "token expiry management"):
   * shown on the token, and an unused token past it is reported expired (its money can be refunded).
   * The meter is not told: an OpenPAYGO token carries no date.
   */
  tokenValidityDays: z.number().int().min(1).max(3650).default(DEFAULT_TOKEN_VALIDITY_DAYS),
  /** Where customers' local phone numbers (`0788 000 111`) are read (ISO 3166, `RW`); unset: from the currency. */
  phoneCountry: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  /** Who gets SMS (issue 52): the token and failed payments to the paying phone, alerts to accounts no chat reaches. */
  sms: z
    .object({
      tokens: z.boolean().default(true),
      paymentFailures: z.boolean().default(true),
      alerts: z.boolean().default(true),
      /** The USSD code the operator's customers dial to buy (`*384*12345#`), named in the texts. */
      ussdCode: z
        .string()
        .regex(/^\*[0-9*]{1,20}#$/)
        .optional(),
    })
    .prefault({}),
});
export type PrepaidSettings = z.infer<typeof prepaidSettingsSchema>;

/** The organization's prepaid settings, with defaults for what is unset or unreadable. */
export async function prepaidSettingsOf(ctx: Ctx): Promise<PrepaidSettings> {
  const org = await getOrganization(ctx);
  return prepaidSettingsFrom(org.settings.prepaid);
}

/** Prepaid settings as stored (`organization.settings.prepaid`, read along with something else), with defaults. */
export function prepaidSettingsFrom(stored: unknown): PrepaidSettings {
  const parsed = prepaidSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : prepaidSettingsSchema.parse({});
}

/** The country local phone numbers are read in: the prepaid setting, else the organization's currency's; null when neither says. */
export async function phoneCountryOf(ctx: Ctx): Promise<string | null> {
  const org = await getOrganization(ctx);
  const parsed = prepaidSettingsSchema.safeParse(org.settings.prepaid ?? {});
  return phoneCountry(org, parsed.success ? parsed.data.phoneCountry : undefined);
}
