/**
 * Languages Opsdesk speaks: English everywhere, Hindi for `mess`, Spanish for `raffle`, French and
 * Kinyarwanda for `prepaid` (its operators are in Rwanda).
 */
export const LOCALES = ['en', 'hi', 'es', 'fr', 'rw'] as const;

export type Locale = (typeof LOCALES)[number];

/**
 * The console's words for a language code, its name in the reader's language: the `optionLabel` of
 * a column of languages, so a customer's `rw` reads "Kinyarwanda", not the code (issue 28).
 */
export const languageOptionLabel = (code: string): string => `od.language_names.${code}`;

/** The language every catalog must provide and every lookup falls back to. */
export const FALLBACK_LOCALE: Locale = 'en';

/** Nested translations; leaves are i18next strings (`{{name}}` interpolation, `_one`/`_other` plurals). */
export type Catalog = { readonly [key: string]: string | Catalog };

/** One namespace's translations; English is required, other languages may be added as users need them. */
export type NamespaceCatalogs = { readonly en: Catalog } & {
  readonly [locale in Exclude<Locale, 'en'>]?: Catalog;
};

/**
 * The language to speak with a person, among the `offered` ones (in the organization's order): their
 * own when offered; else English, the common second language, when offered; else the first offered.
 * A Hindi speaker writing to a Rwandan bot that speaks rw/fr/en gets English, not Kinyarwanda.
 */
export function spokenLanguage(own: string | null | undefined, offered: ReadonlyArray<Locale>): Locale {
  if (own == null) return offered[0] ?? FALLBACK_LOCALE;
  const wanted = resolveLocale(own);
  if (offered.includes(wanted)) return wanted;
  return offered.includes(FALLBACK_LOCALE) ? FALLBACK_LOCALE : (offered[0] ?? FALLBACK_LOCALE);
}

/**
 * Maps what a client sends (Telegram `language_code` "hi", a browser "es-419", "EN_us") to a
 * supported locale, falling back to English.
 */
export function resolveLocale(input: string | undefined | null): Locale {
  const language = (input ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(language ?? '') ? (language as Locale) : FALLBACK_LOCALE;
}
