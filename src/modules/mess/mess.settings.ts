import { z } from 'zod';
import type { Ctx } from '../../core/context/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';

/** `organization.settings.mess`: what an operator tunes without a deploy. */
export const messSettingsSchema = z.object({
  /** Telegram user ids of the admins who approve students and payments from the bot. */
  adminTelegramIds: z.array(z.string().regex(/^\d{1,20}$/)).default([]),
  /** Local `HH:MM` until which a cut starting tomorrow is accepted. */
  cutoffTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .default('23:00'),
  /** Most cut days per billing cycle; null = no cap. */
  maxCutDaysPerCycle: z.number().int().min(1).max(31).nullable().default(null),
  /** Region a phone number typed without `+` is read in (ISO 3166 alpha-2), e.g. IN. */
  phoneRegion: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .default('IN'),
  /** Tell a student on Telegram each time a meal is served on their pass ("Breakfast scanned at 08:02"). */
  scanReceipts: z.boolean().default(false),
  /**
   * Last local day the original system's QR passes (signed with its QR_SECRET, set apart as the
   * secret setting `mess.legacyQrSecret`) open the mess; null = none are accepted (issue 42).
   */
  legacyPassesUntil: z.iso.date().nullable().default(null),
  /** Spreadsheet the backup goes to (else MESS_SHEETS_SPREADSHEET_ID). */
  sheetsSpreadsheetId: z.string().min(1).max(200).nullable().default(null),
});
export type MessSettings = z.infer<typeof messSettingsSchema>;

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
