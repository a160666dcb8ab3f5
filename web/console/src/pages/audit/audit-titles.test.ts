import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import englishMessages from 'ra-language-english';
import { mergeTranslations } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { extensionMessages } from '../../extensions/registry.ts';
import { auditTitlesEn, auditTitlesEs, auditTitlesHi } from '../../i18n/audit-titles.ts';
import { en } from '../../i18n/en.ts';
import { es } from '../../i18n/es.ts';
import { hi } from '../../i18n/hi.ts';
import { actionKey } from './audit-types.ts';

const SRC = fileURLToPath(new URL('../../../../../src/', import.meta.url));

/** The source files of the server (tests left out): where audit codes are written. */
function serverFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'console' ? [] : serverFiles(path);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Audit codes written as literals (`action: 'raffle.order.paid'`) next to a recordAudit call. */
function auditCodesIn(source: string): string[] {
  if (!source.includes('recordAudit')) return [];
  return [...source.matchAll(/\baction:\s*'([a-z][a-z_]*(?:\.[a-z][a-z_]*){2,})'/g)].map(
    (m) => m[1] as string,
  );
}

const codes = [...new Set(serverFiles(SRC).flatMap((f) => auditCodesIn(readFileSync(f, 'utf8'))))].sort();

const catalogs = {
  en: mergeTranslations(englishMessages, en, auditTitlesEn, ...extensionMessages('en')),
  hi: mergeTranslations(hi, auditTitlesHi, ...extensionMessages('hi')),
  es: mergeTranslations(es, auditTitlesEs, ...extensionMessages('es')),
};

const leaf = (catalog: object, key: string) =>
  key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog);

describe('history titles', () => {
  it('finds the audit codes the server writes', () => {
    expect(codes.length).toBeGreaterThan(50);
    expect(codes).toContain('raffle.raffle.created');
  });

  // The history reads an entry by its code's title (`raffle.audit.raffle_created`): a code with no
  // title shows its humanized English code on every screen, Hindi and Spanish too (issue 28).
  it.each(['en', 'hi', 'es'] as const)('titles every audit code the server writes in %s', (locale) => {
    const untitled = codes.filter((code) => typeof leaf(catalogs[locale], actionKey(code)) !== 'string');
    expect(untitled.map((code) => `${code} → ${actionKey(code)}`)).toEqual([]);
  });
});
