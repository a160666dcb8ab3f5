import type { Catalog, Locale } from './locale.ts';

/** A key that one language of a namespace has and another lacks. */
export type MissingKey = { namespace: string; locale: string; key: string };

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Dotted leaf keys of a nested catalog: `{ errors: { x: '' } }` → `['errors.x']`. */
export function flattenKeys(catalog: Catalog, prefix = ''): string[] {
  return Object.entries(catalog).flatMap(([key, value]) =>
    typeof value === 'string' ? [prefix + key] : flattenKeys(value, `${prefix}${key}.`),
  );
}

function requiredKeys(allKeys: Set<string>, locale: string): Set<string> {
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  const required = new Set<string>();
  for (const key of allKeys) {
    const base = key.replace(PLURAL_SUFFIX, '');
    // A plural has its `_one` and `_other` forms; a key merely ending like one (`units_too_many`,
    // the payment status `payment_other` beside `payment_verified`) is a word.
    const plural = allKeys.has(`${base}_other`) && allKeys.has(`${base}_one`);
    if (base === key || !plural) required.add(key);
    // A plural key needs every category the language distinguishes (Spanish has `many`: 1 000 000).
    else for (const category of categories) required.add(`${base}_${category}`);
  }
  return required;
}

/**
 * Keys missing per namespace and language, against the union of all languages of that namespace.
 * Plural keys are checked per language with Intl.PluralRules, so `es` must have `_many` even
 * though English has no such form. Only languages the namespace provides are compared.
 */
export function missingKeysIn(namespace: string, catalogs: Partial<Record<Locale, Catalog>>): MissingKey[] {
  const present = new Map(
    Object.entries(catalogs).map(([locale, catalog]) => [locale, new Set(flattenKeys(catalog ?? {}))]),
  );
  const union = new Set([...present.values()].flatMap((keys) => [...keys]));
  const missing: MissingKey[] = [];
  for (const [locale, keys] of present) {
    for (const key of requiredKeys(union, locale)) {
      if (!keys.has(key)) missing.push({ namespace, locale, key });
    }
  }
  return missing;
}
