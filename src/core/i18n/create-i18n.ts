import i18next, { type i18n as I18next } from 'i18next';
import type { AppError } from '../../platform/errors/index.ts';
import { coreCatalogs } from './core.catalog.ts';
import { errorKey } from './error-messages.ts';
import { type DurationStyle, durationParts, formatDuration } from './format-duration.ts';
import { I18nErrors } from './i18n.errors.ts';
import { FALLBACK_LOCALE, LOCALES, type Locale, type NamespaceCatalogs, resolveLocale } from './locale.ts';
import { type MissingKey, missingKeysIn } from './missing-keys.ts';

/** Parameters interpolated into a message (`{{name}}`); `count` also selects the plural form. */
export type TranslationParams = Record<string, unknown> & { count?: number };

/** The translation layer shared by every module, channel and page. */
export type I18n = {
  /** Adds a module's messages under its own namespace (`raffle:order.confirmed`); English is required. */
  registerCatalog(namespace: string, catalogs: NamespaceCatalogs): void;
  /** Translates `namespace:key` (namespace defaults to `core`) for any locale tag, falling back to English. */
  t(locale: string, key: string, params?: TranslationParams): string;
  /**
   * An error's message for a person: `errors.<code>` of the first of `namespaces` that has it
   * (`['raffle', 'core']` in the raffle chat), its details as parameters; the English title when
   * none has it.
   */
  errorMessage(locale: string, error: AppError, namespaces?: ReadonlyArray<string>): string;
  /** Keys each registered language lacks compared with its namespace's other languages (for tests and dev). */
  findMissingKeys(): MissingKey[];
  /** "14 minutes left" / "14 मिनट बाकी" / "quedan 14 minutos"; "Time is up." at or below zero. */
  timeLeft(locale: string, remainingMs: number, style?: DurationStyle): string;
};

/** Options of `createI18n`. */
export type CreateI18nOptions = {
  /** Catalogs to register besides `core`, by namespace. */
  catalogs?: Record<string, NamespaceCatalogs>;
  /** Called when a key is missing in every language, e.g. to fail tests or log in development. */
  onMissingKey?: (details: { locale: string; namespace: string; key: string }) => void;
};

const NAMESPACE = /^[a-z][a-z0-9-]*$/;

/** Builds an isolated i18next instance with the `core` catalog and the given module catalogs. */
export function createI18n(options: CreateI18nOptions = {}): I18n {
  const registered = new Map<string, NamespaceCatalogs>();
  const instance: I18next = i18next.createInstance();
  instance.init({
    initAsync: false,
    lng: FALLBACK_LOCALE,
    fallbackLng: FALLBACK_LOCALE,
    supportedLngs: [...LOCALES],
    ns: [],
    defaultNS: 'core',
    resources: {},
    returnNull: false,
    // Messages go to Telegram, email, PDFs and React, each of which escapes for its own medium.
    interpolation: { escapeValue: false },
    saveMissing: options.onMissingKey !== undefined,
    missingKeyHandler: (_locales, namespace, key) => {
      options.onMissingKey?.({ locale: String(_locales[0] ?? FALLBACK_LOCALE), namespace, key });
    },
  });

  const registerCatalog = (namespace: string, catalogs: NamespaceCatalogs) => {
    if (!NAMESPACE.test(namespace)) throw I18nErrors.invalid_namespace({ namespace });
    if (registered.has(namespace)) throw I18nErrors.namespace_already_registered({ namespace });
    if (!catalogs.en) throw I18nErrors.missing_english_catalog({ namespace });
    registered.set(namespace, catalogs);
    for (const locale of LOCALES) {
      const catalog = catalogs[locale];
      if (catalog) instance.addResourceBundle(locale, namespace, catalog, true, false);
    }
  };

  const t = (locale: string, key: string, params: TranslationParams = {}) =>
    instance.t(key, { ...params, lng: resolveLocale(locale) as Locale }) as string;

  registerCatalog('core', coreCatalogs);
  for (const [namespace, catalogs] of Object.entries(options.catalogs ?? {}))
    registerCatalog(namespace, catalogs);

  return {
    registerCatalog,
    t,
    errorMessage: (locale, error, namespaces = ['core']) =>
      instance.t(
        namespaces.map((namespace) => `${namespace}:${errorKey(error.code)}`),
        // Details go in `replace` so a detail named like an option (`count`, `lng`) stays a value.
        { lng: resolveLocale(locale), replace: error.details, defaultValue: error.title },
      ) as string,
    findMissingKeys: () =>
      [...registered].flatMap(([namespace, catalogs]) => missingKeysIn(namespace, catalogs)),
    timeLeft: (locale, remainingMs, style = 'long') => {
      if (remainingMs <= 0) return t(locale, 'core:time.up');
      const count = durationParts(remainingMs)[0]?.value ?? 0;
      return t(locale, 'core:time.left', {
        count,
        duration: formatDuration(remainingMs, resolveLocale(locale), style),
      });
    },
  };
}
