import type { AppError } from '../../platform/errors/index.ts';
import { ContactsErrors } from './contacts.errors.ts';
import { expectedPhone, INTERNATIONAL_EXAMPLE, phoneExampleOf, readTypedPhone } from './phone.rules.ts';

export { normalizePhone } from './phone.rules.ts';

export const CHANNELS = ['telegram', 'whatsapp', 'email', 'phone'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The languages a contact may prefer: every language Opsdesk speaks (`LOCALES`). */
export const LANGUAGES = ['en', 'hi', 'es', 'fr', 'rw'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What each channel's identifier looks like, for error messages. */
export const IDENTITY_EXAMPLES: Record<Channel, string> = {
  telegram: 'a Telegram user id like 123456789',
  whatsapp: 'a WhatsApp id (digits of the number with country code) like 250788123456',
  email: 'an e-mail address like asha@example.com',
  phone: expectedPhone(null),
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_PUNCTUATION = /[\s().-]/g;

/**
 * The one stored form of a channel identifier, so the same person is found however a channel or a
 * person writes it. Throws `invalid_identity` naming `field` and an example of a valid value.
 * A phone without `+` is read in `defaultCountry` (ISO 3166 alpha-2) when one is given
 * (`readTypedPhone`), and a refused one is answered with an example of that country.
 */
export function normalizeExternalId(
  channel: Channel,
  raw: string,
  options: { field?: string; defaultCountry?: string } = {},
): string {
  const value = raw.trim();
  const normalized = normalizers[channel](value, options.defaultCountry);
  if (normalized !== undefined) return normalized;
  const field = options.field ?? 'externalId';
  throw channel === 'phone'
    ? invalidPhone(raw, field, options.defaultCountry)
    : invalidIdentity(channel, raw, field);
}

const normalizers: Record<Channel, (value: string, defaultCountry?: string) => string | undefined> = {
  telegram: (value) => {
    if (!/^\d{1,20}$/.test(value)) return undefined;
    const id = BigInt(value);
    return id > 0n ? id.toString() : undefined;
  },
  whatsapp: (value) => {
    const digits = value.replace(PHONE_PUNCTUATION, '').replace(/^\+/, '');
    return /^[1-9]\d{5,14}$/.test(digits) ? digits : undefined;
  },
  email: (value) => {
    const email = value.toLowerCase();
    return email.length <= 254 && EMAIL.test(email) ? email : undefined;
  },
  phone: (value, defaultCountry) => readTypedPhone(value, defaultCountry),
};

/**
 * A typed phone refused, naming `field`. Its issue's `expected` is the example the reader's screen
 * shows: a number of `country` as dialled there (`050 123 4567`), else an international one.
 */
export function invalidPhone(raw: string, field: string, country?: string | null): AppError {
  const expected = expectedPhone(country);
  return ContactsErrors.invalid_identity(
    { channel: 'phone', value: raw, ...(country ? { country } : {}) },
    {
      message: `${field}: "${raw}" is not ${expected}`,
      fields: [
        {
          field,
          message: `is not ${expected}`,
          code: 'invalid_phone',
          expected: phoneExampleOf(country)?.local ?? INTERNATIONAL_EXAMPLE,
        },
      ],
    },
  );
}

function invalidIdentity(channel: Channel, raw: string, field: string): AppError {
  const expected = IDENTITY_EXAMPLES[channel];
  return ContactsErrors.invalid_identity(
    { channel, value: raw },
    {
      message: `${field}: "${raw}" is not ${expected}`,
      fields: [
        { field, message: `is not a valid ${channel} identity`, code: `invalid_${channel}`, expected },
      ],
    },
  );
}

/**
 * Maps a language tag a channel reports (Telegram's `language_code` "hi-IN", a browser's "es-419")
 * to a language Opsdesk speaks, or null when it speaks none of them.
 */
export function toSupportedLanguage(tag: string | null | undefined): Language | null {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(primary ?? '') ? (primary as Language) : null;
}

/** Words of a search box turned into LIKE patterns: one for names, one for identities (digits too). */
export function searchPatterns(q: string): { text: string; digits: string | null } {
  const escaped = q
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`);
  const digits = q.replace(/\D/g, '');
  return { text: `%${escaped}%`, digits: digits.length >= 4 ? `%${digits}%` : null };
}
