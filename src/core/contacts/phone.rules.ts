import {
  type CountryCode,
  getExampleNumber,
  isSupportedCountry,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/max';
import mobileExamples from 'libphonenumber-js/mobile/examples';

const PHONE_PUNCTUATION = /[\s().\-/]/g;
/** Arabic-Indic (٠–٩) and Eastern Arabic-Indic (۰–۹) digits, as an Arabic or Persian keyboard types them. */
const ARABIC_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g;

/** The example a refusal gives where the organization's country is unknown (international form). */
export const INTERNATIONAL_EXAMPLE = '+250788123456';

/** A phone number in E.164 (`+250788123456`), or undefined when it is not a valid number. */
export function normalizePhone(value: string, defaultCountry?: string): string | undefined {
  const compact = value.replace(PHONE_PUNCTUATION, '').replace(/^00/, '+');
  if (!compact.startsWith('+') && !defaultCountry) return undefined;
  if (!/^\+?\d{3,17}$/.test(compact)) return undefined;
  const country = defaultCountry?.toUpperCase();
  const parsed = parsePhoneNumberFromString(
    compact,
    country && isSupportedCountry(country) ? { defaultCountry: country } : {},
  );
  return parsed?.isValid() ? parsed.number : undefined;
}

/**
 * A phone as a person types it where they live, in E.164: international (`+971 50 123 4567`,
 * `00971…`, `+971 (0)50…`) as written; otherwise in `country` (`050 123 4567` in Dubai, also
 * `971501234567`); failing that, digits that do not start with a trunk 0 as an international number
 * without its `+` (`250788123456`). Undefined when it is no valid number. Arabic-Indic digits count.
 */
export function readTypedPhone(typed: string, country: string | null | undefined): string | undefined {
  const text = typed
    .trim()
    .replace(ARABIC_DIGITS, (d) => String((d.codePointAt(0)! - 0x0660) % 0x90))
    // "+971 (0)50 …": the trunk 0 people write in brackets after the country code.
    .replace(/^(\+\d{1,3})\s*\(0\)/, '$1');
  const compact = text.replace(PHONE_PUNCTUATION, '').replace(/^00/, '+');
  if (!/^\+?\d{3,17}$/.test(compact)) return undefined;
  if (compact.startsWith('+')) return normalizePhone(compact);
  const local = country ? normalizePhone(compact, country) : undefined;
  if (local || compact.startsWith('0')) return local;
  return normalizePhone(`+${compact}`);
}

/** How a number of `country` is written there and abroad (`050 123 4567`, `+971 50 123 4567`); null when unknown. */
export function phoneExampleOf(
  country: string | null | undefined,
): { local: string; international: string } | null {
  const code = country?.toUpperCase();
  if (!code || !isSupportedCountry(code)) return null;
  const example = getExampleNumber(code as CountryCode, mobileExamples);
  return example ? { local: example.formatNational(), international: example.formatInternational() } : null;
}

/** What a refusal of a typed phone says is expected: a number of the country in both forms, else an international one. */
export function expectedPhone(country: string | null | undefined): string {
  const example = phoneExampleOf(country);
  return example
    ? `a phone number like ${example.local} or ${example.international}`
    : `an international number like ${INTERNATIONAL_EXAMPLE} (E.164: +, country code, number)`;
}
