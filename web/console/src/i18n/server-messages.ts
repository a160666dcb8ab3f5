/**
 * Words the console shares with the server: the message of every error code (`errors.<code>`),
 * written once in the server's catalogs so a refusal reads the same in a chat and in the console.
 */
import { type Catalog, coreCatalogs, type Locale } from '../../../../src/core/i18n/index.ts';

type Messages = { [key: string]: string | Messages };

/** A server catalog with its `{{name}}` placeholders written the polyglot way, `%{name}`. */
export function asPolyglot(catalog: Catalog): Messages {
  return Object.fromEntries(
    Object.entries(catalog).map(([key, value]) => [
      key,
      typeof value === 'string' ? value.replace(/\{\{\s*(\w+)\s*\}\}/g, '%{$1}') : asPolyglot(value),
    ]),
  );
}

/** The core's error messages (the HTTP kit's and every core area's) in one console language. */
export function coreErrorMessages(locale: Locale): Messages {
  const errors = coreCatalogs[locale]?.errors;
  return typeof errors === 'object' ? { errors: asPolyglot(errors) } : {};
}
