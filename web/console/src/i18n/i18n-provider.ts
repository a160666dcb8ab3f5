import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import frenchMessages from 'ra-language-french';
import { mergeTranslations, resolveBrowserLocale, type TranslationMessages } from 'react-admin';
import { errorKey } from '../../../../src/core/i18n/index.ts';
import { wordFieldIssuesWith, wordProblemsWith } from '../api/http.ts';
import type { ConsoleLocale } from '../extensions/console-extension.ts';
import { extensionMessages } from '../extensions/registry.ts';
import { auditFieldsFr } from './audit-fields.fr.ts';
import { auditFieldsRw } from './audit-fields.rw.ts';
import { auditFieldsEn, auditFieldsEs, auditFieldsHi } from './audit-fields.ts';
import { auditTitlesFr } from './audit-titles.fr.ts';
import { auditTitlesRw } from './audit-titles.rw.ts';
import { auditTitlesEn, auditTitlesEs, auditTitlesHi } from './audit-titles.ts';
import { LOCALES } from './console-locales.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { wordsForIssue } from './field-issues.ts';
import { fr } from './fr.ts';
import { hi } from './hi.ts';
import { languageNames } from './language-names.ts';
import { localeNumbersIn } from './locale-numbers.ts';
import { raEs } from './ra-es.ts';
import { raHi } from './ra-hi.ts';
import { raRw } from './ra-rw.ts';
import { rw } from './rw.ts';
import { coreErrorMessages } from './server-messages.ts';
import {
  systemActorsEn,
  systemActorsEs,
  systemActorsFr,
  systemActorsHi,
  systemActorsRw,
} from './system-actors.ts';

export { LOCALES };

type Messages = { [key: string]: string | Messages };

/** Each language's own catalogs, merged over English so a missing key reads English, never the raw key. */
const OWN: Record<Exclude<ConsoleLocale, 'en'>, Messages[]> = {
  hi: [raHi, hi, auditTitlesHi, auditFieldsHi, systemActorsHi],
  es: [raEs, es, auditTitlesEs, auditFieldsEs, systemActorsEs],
  fr: [frenchMessages as unknown as Messages, fr, auditTitlesFr, auditFieldsFr, systemActorsFr],
  rw: [raRw, rw, auditTitlesRw, auditFieldsRw, systemActorsRw],
};

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
  if (!(locale in OWN)) return base;
  const language = locale as Exclude<ConsoleLocale, 'en'>;
  return mergeTranslations(
    base,
    ...(OWN[language] as TranslationMessages[]),
    languageNames(language),
    coreErrorMessages(language),
    ...extensionMessages(language),
  );
};

const browser = resolveBrowserLocale('en');

/**
 * English, Hindi, Spanish, French and Kinyarwanda; a missing key falls back to English, never to the raw key. Numbers in
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
