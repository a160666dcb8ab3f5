import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import { mergeTranslations, type TranslationMessages } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { actorName } from '../pages/audit/audit-types.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { hi } from './hi.ts';
import { systemActorsEn, systemActorsEs, systemActorsHi } from './system-actors.ts';

const SRC = fileURLToPath(new URL('../../../../src/', import.meta.url));

/** The server's source files (tests and their harnesses left out). */
function serverFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['console', '__tests__'].includes(entry.name) ? [] : serverFiles(path);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : [];
  });
}

const sources = serverFiles(SRC).map((path) => ({
  file: relative(SRC, path),
  text: readFileSync(path, 'utf8'),
}));

/** `export const checkStatusJob = defineJob({ name: 'payments.check-status', …` → its name. */
const jobNames = new Map(
  sources.flatMap(({ text }) =>
    [...text.matchAll(/\bconst (\w+) = defineJob\(\{\s*name: '([^']+)'/g)].map(
      (m) => [m[1] as string, m[2] as string] as const,
    ),
  ),
);

/**
 * The core's job helpers act under the name of the job they are handed (`forEachOrganization`'s
 * `job`, `batchedRunJob`'s first argument): their own `systemCtx(…, job.name)` names no job, and the
 * jobs handed to them are found where they are handed over.
 */
const JOB_HELPERS = new Set(['core/jobs/batched-run.ts', 'core/jobs/each-organization.ts']);
const handedJobs = (text: string) =>
  text.includes('forEachOrganization(') || text.includes('batchedRunJob(')
    ? [...text.matchAll(/\b(?:job: |sweep\(|batchedRunJob\()(\w+)/g)].flatMap((m) => {
        const name = jobNames.get(m[1] as string);
        return name ? [name] : [];
      })
    : [];

/**
 * Every name background work acts under: the second argument of each `systemCtx(org, name)` (or its
 * alias `ctxFor`), a literal or a job's `.name`, the jobs handed to the core's job helpers, and a
 * system actor written out by hand. One that is none of these is reported with a `?`: no test could
 * tell what it writes.
 */
const names = [
  ...new Set(
    sources.flatMap(({ file, text }) => [
      ...handedJobs(text),
      ...[...text.matchAll(/\b(?:systemCtx|ctxFor)\(\s*([\w.]+),\s*([^)]+?)\s*\)/g)]
        .filter(() => !JOB_HELPERS.has(file))
        .map((m) => m[2] as string)
        .filter((arg) => !arg.includes(':')) // a declaration's `job: string`
        .map((arg) => {
          const literal = /^'([^']+)'$/.exec(arg)?.[1];
          const job = /^(\w+)\.name$/.exec(arg)?.[1];
          return literal ?? (job && jobNames.get(job)) ?? `? ${file}: ${arg}`;
        }),
      ...[...text.matchAll(/type: 'system',\s*id: null,\s*label: '([^']+)'/g)].map((m) => m[1] as string),
    ]),
  ),
].sort();

const translateIn = (catalog: TranslationMessages) =>
  polyglotI18nProvider(() => catalog, 'en', [], { allowMissing: true }).translate;

const readers = {
  en: translateIn(mergeTranslations(en, systemActorsEn)),
  hi: translateIn(mergeTranslations(hi, systemActorsHi)),
  es: translateIn(mergeTranslations(es, systemActorsEs)),
};

describe('background work in the history (issue 28)', () => {
  it('finds the names the server acts under', () => {
    expect(names.filter((n) => n.startsWith('?'))).toEqual([]);
    expect(names).toEqual(
      expect.arrayContaining(['payments.check-status', 'seed-demo', 'coffee.watch-fleet', 'mess-bot']),
    );
  });

  it.each(Object.keys(readers))('names every one in words in %s, never by its code', (language) => {
    const translate = readers[language as keyof typeof readers];
    const unworded = names.filter((name) => {
      const words = actorName({ type: 'system', id: null, label: name }, translate);
      return words.includes(name) || words === '';
    });
    expect(unworded).toEqual([]);
  });

  it('words each language its own way, and an unknown job as a background job by its name', () => {
    const check = { type: 'system', id: null, label: 'payments.check-status' };
    expect(actorName(check, readers.en)).toBe('Payment status check');
    expect(actorName(check, readers.hi)).toBe('भुगतान स्थिति जाँच');
    expect(actorName(check, readers.es)).toBe('Comprobación del estado del pago');
    const seed = { type: 'system', id: null, label: 'seed-demo' };
    expect(actorName(seed, readers.es)).toBe('Datos de demostración');
    const unknown = { type: 'system', id: null, label: 'mess.new-job' };
    expect(actorName(unknown, readers.en)).toBe('Background job: mess.new-job');
    expect(actorName(unknown, readers.hi)).toBe('बैकग्राउंड कार्य: mess.new-job');
    expect(actorName(unknown, readers.es)).toBe('Tarea en segundo plano: mess.new-job');
  });
});
