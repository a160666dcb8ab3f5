import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import englishMessages from 'ra-language-english';
import { mergeTranslations } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { auditTitlesFr } from '../../i18n/audit-titles.fr.ts';
import { auditTitlesRw } from '../../i18n/audit-titles.rw.ts';
import { auditTitlesEn, auditTitlesEs, auditTitlesHi } from '../../i18n/audit-titles.ts';
import { en } from '../../i18n/en.ts';
import { es } from '../../i18n/es.ts';
import { fr } from '../../i18n/fr.ts';
import { hi } from '../../i18n/hi.ts';
import { rw } from '../../i18n/rw.ts';
import { extensionMessages } from '../../registry/registry.ts';
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

const CODE = /'([a-z][a-z_]*(?:\.[a-z][a-z_]*){2,})'/g;

/** The text from `open` (an opening bracket) to its closing one. */
function bracketed(source: string, open: number): string {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if ('([{'.includes(source[i] as string)) depth++;
    else if (')]}'.includes(source[i] as string) && --depth === 0) return source.slice(open, i + 1);
  }
  return source.slice(open);
}

/** What a `const NAME = …` of the file holds, to read the codes of a lookup (`FINISHED[status]`). */
function constantOf(source: string, name: string): string {
  const at = source.search(new RegExp(`\\bconst ${name}\\b[^=]*=\\s*`));
  if (at < 0) return '';
  const open = source.slice(at).search(/[[{(]/);
  return open < 0 ? '' : bracketed(source, at + open);
}

/**
 * Every code a `recordAudit` or `auditInsertSql` call of the file can write (the second writes the
 * trail inside a hot path's own statement). Its `action` spells them out: literals
 * (`paused ? 'a.b.paused' : 'a.b.released'`), or a lookup in a constant of the file whose values are
 * literals (typed against the status it is indexed by, so a new status needs its code). A code built
 * from a template literal or a variable is reported as `?`: no test could tell what it writes.
 */
function auditCodesIn(source: string, file: string): string[] {
  return [...source.matchAll(/\b(recordAudit|auditInsertSql)\(/g)].flatMap((call) => {
    const at = call.index as number;
    const line = source.slice(source.lastIndexOf('\n', at) + 1, at);
    if (/^\s*(\*|\/\/)/.test(line)) return []; // named in a comment
    const args = bracketed(source, at + (call[1] as string).length);
    if (/^\(\s*ctx: Ctx/.test(args)) return []; // its own declaration
    const action =
      args.match(/\baction:([\s\S]*?),\s*(?:subject|subjectType|before|after|meta)\b/)?.[1] ?? '';
    const lookups = [...action.matchAll(/\b([A-Z][A-Z_]+)\[/g)].map((m) =>
      constantOf(source, m[1] as string),
    );
    const found = [action, ...lookups].flatMap((text) => [...text.matchAll(CODE)].map((m) => m[1] as string));
    return action.includes('`') || !found.length ? [`? ${file}: ${args.slice(0, 80)}`] : found;
  });
}

const codes = [
  ...new Set(serverFiles(SRC).flatMap((f) => auditCodesIn(readFileSync(f, 'utf8'), relative(SRC, f)))),
].sort();

const catalogs = {
  en: mergeTranslations(englishMessages, en, auditTitlesEn, ...extensionMessages('en')),
  hi: mergeTranslations(hi, auditTitlesHi, ...extensionMessages('hi')),
  es: mergeTranslations(es, auditTitlesEs, ...extensionMessages('es')),
  fr: mergeTranslations(fr, auditTitlesFr, ...extensionMessages('fr')),
  rw: mergeTranslations(rw, auditTitlesRw, ...extensionMessages('rw')),
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

  it('reads the codes a hot path writes through auditInsertSql too', () => {
    // Written only inside the registration's own statement, never through recordAudit.
    expect(codes).toContain('exhibition.customer.registered');
    const call = (action: string) =>
      `const a = sql\`with c as (…), a as (\${auditInsertSql(\n  tx,\n  { ${action}, subjectType: 'x', subjectId: sql\`c.id\`, after: v },\n  sql\`c\`,\n)})\`;`;
    expect(auditCodesIn(call("action: 'shop.order.placed'"), 'shop.ts')).toEqual(['shop.order.placed']);
    expect(
      auditCodesIn(
        `const ORDER_ACTIONS = { placed: 'shop.order.placed', paid: 'shop.order.paid' } as const;\n${call('action: ORDER_ACTIONS[kind]')}`,
        'shop.ts',
      ),
    ).toEqual(['shop.order.placed', 'shop.order.paid']);
    // An action passed in a variable cannot be read: reported, so it gets spelled out.
    expect(auditCodesIn(call('action'), 'shop.ts')[0]).toMatch(/^\? shop\.ts: /);
  });

  it('reads every code the server writes from its source, none built at run time', () => {
    expect(codes.filter((code) => code.startsWith('?'))).toEqual([]);
  });

  // The history reads an entry by its code's title (`raffle.audit.raffle_created`): a code with no
  // title shows its humanized English code on every screen, Hindi and Spanish too (issue 28).
  it.each(['en', 'hi', 'es', 'fr', 'rw'] as const)(
    'titles every audit code the server writes in %s',
    (locale) => {
      const untitled = codes.filter(
        (code) => !code.startsWith('?') && typeof leaf(catalogs[locale], actionKey(code)) !== 'string',
      );
      expect(untitled.map((code) => `${code} → ${actionKey(code)}`)).toEqual([]);
    },
  );
});
