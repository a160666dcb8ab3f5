import { z } from 'zod';
import type { Ctx } from '../context/index.ts';
import { getOrganization, phoneCountryOf } from '../orgs/index.ts';
import { invalidPhone } from './contacts.rules.ts';
import { expectedPhone, readTypedPhone } from './phone.rules.ts';

/** How one organization's staff type phones: the country local numbers are read in, and the reading. */
export interface PhoneReader {
  /** ISO 3166 alpha-2, or null when neither a setting, the currency nor the time zone says. */
  country: string | null;
  /** E.164, or undefined when it is no phone number (blank included). */
  readOrUndefined(typed: string): string | undefined;
  /** E.164; throws `contacts.invalid_identity` naming `field`, with an example of the country. */
  read(typed: string, field: string): string;
  /** `read` as a zod schema (a CSV import's column): E.164 out, the refusal worded with the example. */
  schema: z.ZodType<string, string>;
}

/**
 * The reader of the phones staff type in the caller's organization (issue 54, items 13 and 24):
 * local numbers (`050 123 4567` in Dubai) in the country of core/orgs' one rule (`phoneCountryOf`:
 * `chosen`, a module's own setting, else the currency's, else the time zone's), international
 * ones as written. Every staff route that takes a phone reads it here, as the prepaid portal does.
 */
export async function phoneReaderOf(ctx: Ctx, chosen?: string | null): Promise<PhoneReader> {
  const country = await orgPhoneCountry(ctx, chosen);
  const readOrUndefined = (typed: string) => readTypedPhone(typed, country);
  return {
    country,
    readOrUndefined,
    read(typed, field) {
      const phone = readOrUndefined(typed);
      if (phone === undefined) throw invalidPhone(typed, field, country);
      return phone;
    },
    schema: z.string().transform((typed, issues) => {
      const phone = readOrUndefined(typed);
      if (phone !== undefined) return phone;
      issues.addIssue({ code: 'custom', message: `is not ${expectedPhone(country)}` });
      return z.NEVER;
    }),
  };
}

/** The country the caller's organization reads local phone numbers in (`phoneCountryOf`); null when none says. */
export async function orgPhoneCountry(ctx: Ctx, chosen?: string | null): Promise<string | null> {
  return phoneCountryOf(await getOrganization(ctx), chosen);
}

/** One phone typed on a staff route of the caller's organization, in E.164 (see `phoneReaderOf`). */
export async function readStaffPhone(
  ctx: Ctx,
  typed: string,
  options: { field: string; chosen?: string | null },
): Promise<string> {
  return (await phoneReaderOf(ctx, options.chosen)).read(typed, options.field);
}
