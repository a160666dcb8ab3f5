/** Languages Opsdesk speaks: English everywhere, Hindi for `mess`, Spanish for `raffle`. */
export const LOCALES = ['en', 'hi', 'es'] as const;

export type Locale = (typeof LOCALES)[number];

/** The language every catalog must provide and every lookup falls back to. */
export const FALLBACK_LOCALE: Locale = 'en';

/** Nested translations; leaves are i18next strings (`{{name}}` interpolation, `_one`/`_other` plurals). */
export type Catalog = { readonly [key: string]: string | Catalog };

/** One namespace's translations; English is required, other languages may be added as users need them. */
export type NamespaceCatalogs = { readonly en: Catalog } & {
  readonly [locale in Exclude<Locale, 'en'>]?: Catalog;
};

/**
 * Maps what a client sends (Telegram `language_code` "hi", a browser "es-419", "EN_us") to a
 * supported locale, falling back to English.
 */
export function resolveLocale(input: string | undefined | null): Locale {
  const language = (input ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(language ?? '') ? (language as Locale) : FALLBACK_LOCALE;
}
