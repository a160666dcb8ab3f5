import englishMessages from 'ra-language-english';
import frenchMessages from 'ra-language-french';
import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../../../../src/core/i18n/index.ts';
import { flattenKeys } from '../../../../src/core/i18n/missing-keys.ts';
import { consoleExtensions } from '../registry/registry.ts';
import { auditFieldsFr } from './audit-fields.fr.ts';
import { auditFieldsRw } from './audit-fields.rw.ts';
import { auditFieldsEn, auditFieldsEs, auditFieldsHi } from './audit-fields.ts';
import { auditTitlesFr } from './audit-titles.fr.ts';
import { auditTitlesRw } from './audit-titles.rw.ts';
import { auditTitlesEn, auditTitlesEs, auditTitlesHi } from './audit-titles.ts';
import { LOCALES as CONSOLE_LOCALES } from './console-locales.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { hi } from './hi.ts';
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
type Other = Exclude<Locale, 'en'>;
type Source = { name: string; en: Messages } & Partial<Record<Other, Messages>>;

/** Every language but English, the one each catalog is written from. */
const OTHERS = LOCALES.filter((l): l is Other => l !== 'en');

/** Every catalog the console reads, by where it is written: a key's fix goes in that file. */
const sources: Source[] = [
  { name: 'console (web/console/src/i18n/{en,hi,es,fr,rw}.ts)', en, hi, es, fr, rw },
  {
    name: 'react-admin (web/console/src/i18n/ra-{hi,es,rw}.ts, ra-language-french)',
    en: englishMessages as Messages,
    hi: raHi,
    es: raEs,
    fr: frenchMessages as Messages,
    rw: raRw,
  },
  {
    name: 'audit titles (web/console/src/i18n/audit-titles{,.fr,.rw}.ts)',
    en: auditTitlesEn,
    hi: auditTitlesHi,
    es: auditTitlesEs,
    fr: auditTitlesFr,
    rw: auditTitlesRw,
  },
  {
    name: 'audit fields (web/console/src/i18n/audit-fields{,.fr,.rw}.ts)',
    en: auditFieldsEn,
    hi: auditFieldsHi,
    es: auditFieldsEs,
    fr: auditFieldsFr,
    rw: auditFieldsRw,
  },
  {
    name: 'background actors (web/console/src/i18n/system-actors.ts)',
    en: systemActorsEn,
    hi: systemActorsHi,
    es: systemActorsEs,
    fr: systemActorsFr,
    rw: systemActorsRw,
  },
  {
    name: 'core errors (src/core/**/*.catalog.*)',
    ...(Object.fromEntries(LOCALES.map((l) => [l, coreErrorMessages(l)])) as Omit<Source, 'name'>),
  },
  ...consoleExtensions.flatMap((e) => [
    { ...(e.messages as Omit<Source, 'name'>), name: `${e.name} console labels` },
    ...(e.errors ? [{ ...(e.errors as Omit<Source, 'name'>), name: `${e.name} errors` }] : []),
  ]),
];

/** Keys English has and the language lacks, per source: "source: key, key". */
function missingIn(locale: Other, from: Source[] = sources): string[] {
  return from.flatMap((source) => {
    const have = new Set(flattenKeys(source[locale] ?? {}));
    const missing = flattenKeys(source.en).filter((key) => !have.has(key));
    return missing.length ? [`${source.name}: ${missing.join(', ')}`] : [];
  });
}

describe('console catalogs', () => {
  // The console lets every operator pick any language the server speaks: a key English has and
  // another language lacks shows English on that screen (issues 28 and 41).
  it.each(OTHERS)('words every English key in %s', (locale) => {
    expect(missingIn(locale), `keys missing in ${locale}, by catalog`).toEqual([]);
  });

  it('offers every language the server speaks in the language picker', () => {
    expect(CONSOLE_LOCALES.map((l) => l.locale)).toEqual([...LOCALES]);
  });

  it('has no key in another language that English lacks (a renamed key left behind)', () => {
    const stale = sources.flatMap((source) => {
      const english = new Set(flattenKeys(source.en));
      return OTHERS.flatMap((locale) =>
        flattenKeys(source[locale] ?? {})
          .filter((key) => !english.has(key))
          .map((key) => `${source.name} ${locale}: ${key}`),
      );
    });
    expect(stale).toEqual([]);
  });

  it('names the catalog and the key a language lacks (the check can fail)', () => {
    const probe = { name: 'probe', en: { od: { a: 'A', b: { c: 'C' } } }, hi: { od: { a: 'अ' } } };
    expect(missingIn('hi', [probe])).toEqual(['probe: od.b.c']);
    expect(missingIn('es', [probe])).toEqual(['probe: od.a, od.b.c']);
    expect(missingIn('rw', [probe])).toEqual(['probe: od.a, od.b.c']);
  });
});
