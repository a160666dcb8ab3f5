import type { Ctx } from '../context/index.ts';
import { createI18n, LOCALES, type Locale, resolveLocale, type TranslationParams } from '../i18n/index.ts';
import { getOrganization } from '../orgs/index.ts';

/**
 * The words a module's demo seed writes into an organization's data (meal names, a cycle's name, a
 * note on a payment), one flat catalog per language the server speaks: the type makes a language or
 * a key without words a compile error. Proper names (people, rooms, roll numbers) stay out of it.
 */
export type SeedCatalog<K extends string> = Readonly<Record<Locale, Readonly<Record<K, string>>>>;

/** Looks up a seed word by key, `{{name}}` interpolated. */
export type SeedWords<K extends string> = (key: K, params?: TranslationParams) => string;

/** A seed's words in `language` (any tag; an unknown one reads English). */
export function seedWordsIn<K extends string>(catalog: SeedCatalog<K>, language: string): SeedWords<K> {
  const i18n = createI18n({
    catalogs: { seed: Object.fromEntries(LOCALES.map((l) => [l, catalog[l]])) as SeedCatalog<K> },
  });
  const locale = resolveLocale(language);
  return (key, params) => i18n.t(locale, `seed:${key}`, params);
}

/**
 * A seed's words in the organization's default language, the first of its `languages`: a Hindi
 * organization's demo gets "नाश्ता", not "Breakfast" (issue 41 item 20). A module's `seed(ctx, rt)`
 * starts with `const t = await seedWordsOf(ctx, <m>SeedCatalog)` and writes `t('breakfast')`.
 */
export async function seedWordsOf<K extends string>(
  ctx: Ctx,
  catalog: SeedCatalog<K>,
): Promise<SeedWords<K>> {
  const { languages } = await getOrganization(ctx);
  return seedWordsIn(catalog, languages[0] ?? 'en');
}
