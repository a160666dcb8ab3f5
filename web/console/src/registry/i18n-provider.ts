import polyglotI18nProvider from 'ra-i18n-polyglot';
import { resolveBrowserLocale } from 'react-admin';
import { errorKey } from '../../../../src/core/i18n/index.ts';
import { wordFieldIssuesWith, wordProblemsWith } from '../api/http.ts';
import { formatMoney } from '../format/format.ts';
import { LOCALES } from '../i18n/console-locales.ts';
import { wordsForIssue } from '../i18n/field-issues.ts';
import { localeNumbersIn } from '../i18n/locale-numbers.ts';
import { catalogs } from './catalogs.ts';

export { LOCALES };

const browser = resolveBrowserLocale('en');

/**
 * English, Hindi, Spanish, French and Kinyarwanda; a missing key falls back to English, never to the raw key. Numbers in
 * sentences read in the language's own format (`localeNumbersIn`).
 */
export const i18nProvider = polyglotI18nProvider(
  catalogs,
  LOCALES.some((l) => l.locale === browser) ? browser : 'en',
  [...LOCALES],
  { allowMissing: true, replace: localeNumbersIn(() => i18nProvider.getLocale(), formatMoney) },
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
