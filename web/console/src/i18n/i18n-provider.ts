import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { mergeTranslations, resolveBrowserLocale } from 'react-admin';
import { errorKey } from '../../../../src/core/i18n/index.ts';
import { wordFieldIssuesWith, wordProblemsWith } from '../api/http.ts';
import { extensionMessages } from '../extensions/registry.ts';
import { auditFieldsEn, auditFieldsEs, auditFieldsHi } from './audit-fields.ts';
import { auditTitlesEn, auditTitlesEs, auditTitlesHi } from './audit-titles.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { wordsForIssue } from './field-issues.ts';
import { hi } from './hi.ts';
import { languageNames } from './language-names.ts';
import { localeNumbersIn } from './locale-numbers.ts';
import { raEs } from './ra-es.ts';
import { raHi } from './ra-hi.ts';
import { coreErrorMessages } from './server-messages.ts';
import { systemActorsEn, systemActorsEs, systemActorsHi } from './system-actors.ts';

export const LOCALES = [
  { locale: 'en', name: 'English' },
  { locale: 'hi', name: 'हिन्दी' },
  { locale: 'es', name: 'Español' },
] as const;

const catalogs = (locale: string) => {
  const base = mergeTranslations(
    englishMessages,
    en,
    auditTitlesEn,
    auditFieldsEn,
    systemActorsEn,
    languageNames('en'),
    coreErrorMessages('en'),
    ...extensionMessages('en'),
  );
  if (locale === 'hi')
    return mergeTranslations(
      base,
      raHi,
      hi,
      auditTitlesHi,
      auditFieldsHi,
      systemActorsHi,
      languageNames('hi'),
      coreErrorMessages('hi'),
      ...extensionMessages('hi'),
    );
  if (locale === 'es')
    return mergeTranslations(
      base,
      raEs,
      es,
      auditTitlesEs,
      auditFieldsEs,
      systemActorsEs,
      languageNames('es'),
      coreErrorMessages('es'),
      ...extensionMessages('es'),
    );
  return base;
};

const browser = resolveBrowserLocale('en');

/**
 * English, Hindi and Spanish; a missing key falls back to English, never to the raw key. Numbers in
 * sentences read in the language's own format (`localeNumbersIn`).
 */
export const i18nProvider = polyglotI18nProvider(
  catalogs,
  LOCALES.some((l) => l.locale === browser) ? browser : 'en',
  [...LOCALES],
  { allowMissing: true, replace: localeNumbersIn(() => i18nProvider.getLocale()) },
);

// A refusal reads in the console's language when it has words for the problem's code (a missing
// key gives '' here), the code's details filling its placeholders.
wordProblemsWith(
  (problem) =>
    (problem.code && i18nProvider.translate(errorKey(problem.code), { ...problem.details, _: '' })) ||
    undefined,
);

// Field errors from zod (the server's English) read in the console's language by their code.
wordFieldIssuesWith((issue) => {
  const words = wordsForIssue(issue);
  return (words && i18nProvider.translate(words.key, { ...words.params, _: '' })) || undefined;
});
