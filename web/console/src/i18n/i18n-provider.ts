import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { mergeTranslations, resolveBrowserLocale } from 'react-admin';
import { extensionMessages } from '../extensions/registry.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { hi } from './hi.ts';
import { raEs } from './ra-es.ts';
import { raHi } from './ra-hi.ts';

export const LOCALES = [
  { locale: 'en', name: 'English' },
  { locale: 'hi', name: 'हिन्दी' },
  { locale: 'es', name: 'Español' },
] as const;

const catalogs = (locale: string) => {
  const base = mergeTranslations(englishMessages, en, ...extensionMessages('en'));
  if (locale === 'hi') return mergeTranslations(base, raHi, hi, ...extensionMessages('hi'));
  if (locale === 'es') return mergeTranslations(base, raEs, es, ...extensionMessages('es'));
  return base;
};

const browser = resolveBrowserLocale('en');

/** English, Hindi and Spanish; a missing key falls back to English, never to the raw key. */
export const i18nProvider = polyglotI18nProvider(
  catalogs,
  LOCALES.some((l) => l.locale === browser) ? browser : 'en',
  [...LOCALES],
  { allowMissing: true },
);
