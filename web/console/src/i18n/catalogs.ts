import englishMessages from 'ra-language-english';
import frenchMessages from 'ra-language-french';
import { mergeTranslations, type TranslationMessages } from 'react-admin';
import type { ConsoleLocale } from '../extensions/console-extension.ts';
import { extensionMessages } from '../extensions/registry.ts';
import { auditFieldsFr } from './audit-fields.fr.ts';
import { auditFieldsRw } from './audit-fields.rw.ts';
import { auditFieldsEn, auditFieldsEs, auditFieldsHi } from './audit-fields.ts';
import { auditTitlesFr } from './audit-titles.fr.ts';
import { auditTitlesRw } from './audit-titles.rw.ts';
import { auditTitlesEn, auditTitlesEs, auditTitlesHi } from './audit-titles.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { hi } from './hi.ts';
import { languageNames } from './language-names.ts';
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

type Messages = { [key: string]: string | Messages };

/** Each language's own catalogs, merged over English so a missing key reads English, never the raw key. */
const OWN: Record<Exclude<ConsoleLocale, 'en'>, Messages[]> = {
  hi: [raHi, hi, auditTitlesHi, auditFieldsHi, systemActorsHi],
  es: [raEs, es, auditTitlesEs, auditFieldsEs, systemActorsEs],
  fr: [frenchMessages as unknown as Messages, fr, auditTitlesFr, auditFieldsFr, systemActorsFr],
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
