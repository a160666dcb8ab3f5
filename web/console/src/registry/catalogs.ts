import englishMessages from 'ra-language-english';
import frenchMessages from 'ra-language-french';
import { mergeTranslations, type TranslationMessages } from 'react-admin';
import type { ConsoleLocale } from '../extensions/console-extension.ts';
import { auditFieldsFr } from '../i18n/audit-fields.fr.ts';
import { auditFieldsRw } from '../i18n/audit-fields.rw.ts';
import { auditFieldsEn, auditFieldsEs, auditFieldsHi } from '../i18n/audit-fields.ts';
import { auditTitlesFr } from '../i18n/audit-titles.fr.ts';
import { auditTitlesRw } from '../i18n/audit-titles.rw.ts';
import { auditTitlesEn, auditTitlesEs, auditTitlesHi } from '../i18n/audit-titles.ts';
import { en } from '../i18n/en.ts';
import { es } from '../i18n/es.ts';
import { fr } from '../i18n/fr.ts';
import { hi } from '../i18n/hi.ts';
import { languageNames } from '../i18n/language-names.ts';
import { raEs } from '../i18n/ra-es.ts';
import { raHi } from '../i18n/ra-hi.ts';
import { raRw } from '../i18n/ra-rw.ts';
import { rw } from '../i18n/rw.ts';
import { coreErrorMessages } from '../i18n/server-messages.ts';
import {
  systemActorsEn,
  systemActorsEs,
  systemActorsFr,
  systemActorsHi,
  systemActorsRw,
} from '../i18n/system-actors.ts';
import { extensionMessages } from './registry.ts';

type Messages = { [key: string]: string | Messages };

/** Each language's own catalogs, merged over English so a missing key reads English, never the raw key. */
const OWN: Record<Exclude<ConsoleLocale, 'en'>, Messages[]> = {
  hi: [raHi, hi, auditTitlesHi, auditFieldsHi, systemActorsHi],
  es: [raEs, es, auditTitlesEs, auditFieldsEs, systemActorsEs],
  fr: [frenchMessages as Messages, fr, auditTitlesFr, auditFieldsFr, systemActorsFr],
  rw: [raRw, rw, auditTitlesRw, auditFieldsRw, systemActorsRw],
};

/**
 * Every word the console shows in `locale`: its own catalogs merged over English's, so a missing key
 * reads English, never the raw key (catalog-words.test.ts reads them all).
 */
export const catalogs = (locale: string): TranslationMessages => {
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
