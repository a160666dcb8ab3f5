import { phoneCountryOf } from '../../../core/orgs/index.ts';
import { PlatformErrors } from '../../../platform/errors/index.ts';

/** The import's question: the country local numbers were typed in, when the currency does not say. */
export const PHONE_COUNTRY_QUESTION = {
  key: 'phone_country',
  label:
    'Country of the local phone numbers typed in the original (ISO code such as AE); blank: the country of the exhibition’s currency',
} as const;

/**
 * The country the original's local phone numbers are read in: the operator's answer, else the
 * country of the exhibition's currency; null when neither says (local numbers are then kept as
 * typed and flagged). An answer that is no ISO 3166 code is refused in words.
 */
export function phoneCountryFor(answer: string | undefined, currency: string | undefined): string | null {
  const given = answer?.trim().toUpperCase();
  if (given) {
    if (!/^[A-Z]{2}$/.test(given))
      throw PlatformErrors.validation_failed(
        { field: `answers.${PHONE_COUNTRY_QUESTION.key}` },
        { message: `${PHONE_COUNTRY_QUESTION.key}: "${answer}" is not a two-letter country code such as AE` },
      );
    return given;
  }
  return phoneCountryOf({ currency: currency ?? '', timeZone: '' });
}
