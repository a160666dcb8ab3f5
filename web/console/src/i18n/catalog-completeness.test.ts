import englishMessages from 'ra-language-english';
import { describe, expect, it } from 'vitest';
import { flattenKeys } from '../../../../src/core/i18n/missing-keys.ts';
import { consoleExtensions } from '../extensions/registry.ts';
import { auditTitlesEn, auditTitlesEs, auditTitlesHi } from './audit-titles.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { hi } from './hi.ts';
import { raEs } from './ra-es.ts';
import { raHi } from './ra-hi.ts';
import { coreErrorMessages } from './server-messages.ts';

type Messages = { [key: string]: string | Messages };
type Source = { name: string; en: Messages; hi?: Messages; es?: Messages };

/** Every catalog the console reads, by where it is written: a key's fix goes in that file. */
const sources: Source[] = [
  { name: 'console (web/console/src/i18n/{en,hi,es}.ts)', en, hi, es },
  { name: 'react-admin (web/console/src/i18n/ra-{hi,es}.ts)', en: englishMessages, hi: raHi, es: raEs },
  {
    name: 'audit titles (web/console/src/i18n/audit-titles.ts)',
    en: auditTitlesEn,
    hi: auditTitlesHi,
    es: auditTitlesEs,
  },
  {
    name: 'core errors (src/core/**/*.catalog.*)',
    en: coreErrorMessages('en'),
    hi: coreErrorMessages('hi'),
    es: coreErrorMessages('es'),
  },
  ...consoleExtensions.flatMap((e) => [
    { name: `${e.name} console labels`, ...(e.messages as Source) },
    ...(e.errors ? [{ name: `${e.name} errors`, ...(e.errors as unknown as Source) }] : []),
  ]),
];

/** Keys English has and the language lacks, per source: "source: key, key". */
function missingIn(locale: 'hi' | 'es', from: Source[] = sources): string[] {
  return from.flatMap((source) => {
    const have = new Set(flattenKeys(source[locale] ?? {}));
    const missing = flattenKeys(source.en).filter((key) => !have.has(key));
    return missing.length ? [`${source.name}: ${missing.join(', ')}`] : [];
  });
}

describe('console catalogs', () => {
  // The console lets every operator pick English, Hindi or Spanish: a key English has and another
  // language lacks shows English on that screen (issue 28).
  it.each(['hi', 'es'] as const)('word every English key in %s', (locale) => {
    expect(missingIn(locale), `keys missing in ${locale}, by catalog`).toEqual([]);
  });

  it('has no key in Hindi or Spanish that English lacks (a renamed key left behind)', () => {
    const stale = sources.flatMap((source) => {
      const english = new Set(flattenKeys(source.en));
      return (['hi', 'es'] as const).flatMap((locale) =>
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
  });
});
