import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditFieldsEn, auditFieldsEs, auditFieldsHi } from '../../i18n/audit-fields.ts';

const SRC = fileURLToPath(new URL('../../../../../src/', import.meta.url));

function serverFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'console' ? [] : serverFiles(path);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** The text from `open` (an opening bracket) to its closing one. */
function bracketed(source: string, open: number): string {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if ('([{'.includes(source[i] as string)) depth++;
    else if (')]}'.includes(source[i] as string) && --depth === 0) return source.slice(open, i + 1);
  }
  return source.slice(open);
}

/**
 * The keys of the object literal a server function returns (`refundSnapshot(refund)`, whose
 * `return { paymentId, amount, … }` a refund's entries spread), in whichever file declares it.
 */
function returnedKeys(name: string): string[] {
  for (const source of sources) {
    const declared = source.match(new RegExp(`function ${name}\\([^)]*\\)[^{]*\\{\\s*return \\{`));
    if (declared)
      return topLevelKeys(bracketed(source, (declared.index as number) + declared[0].length - 1), source);
  }
  return [];
}

/**
 * The keys written in an object literal (`{ deviceId, status: to }`), its nested objects left out;
 * a spread of an object the same file builds (`{ kind, ...stored }`) brings that object's keys, and
 * a spread of what a snapshot function returns (`{ refundId, ...refundSnapshot(refund) }`) its keys.
 */
function topLevelKeys(object: string, source: string): string[] {
  let depth = 0;
  let top = '';
  for (const c of object.slice(1, -1).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')) {
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (depth === 0) top += c;
  }
  return [...top.matchAll(/(?:^|,)\s*(?:\.\.\.(\w+)|(\w+))/g)].flatMap(([, spread, key]) => {
    if (key) return [key];
    const built = source.match(new RegExp(`const ${spread} = \\{`));
    return built
      ? topLevelKeys(bracketed(source, (built.index as number) + built[0].length - 1), source)
      : returnedKeys(spread as string);
  });
}

const sources = serverFiles(SRC).map((file) => readFileSync(file, 'utf8'));
const auditCalls = sources.flatMap((source) =>
  [...source.matchAll(/\brecordAudit\(/g)].map((call) => ({
    source,
    args: bracketed(source, (call.index as number) + 'recordAudit'.length),
  })),
);

/**
 * The fields the server's `recordAudit` calls write: their `before`/`after` object literals, and what
 * a snapshot function they call returns (`before: auditSnapshot(before)`, a payment's fields).
 */
const fields = [
  ...new Set(
    auditCalls.flatMap(({ source, args }) => [
      ...[...args.matchAll(/\b(?:before|after):\s*\{/g)].flatMap((snap) =>
        topLevelKeys(bracketed(args, (snap.index as number) + snap[0].length - 1), source),
      ),
      ...[...args.matchAll(/\b(?:before|after):\s*([a-z]\w*Snapshot)\(/g)].flatMap((call) =>
        returnedKeys(call[1] as string),
      ),
    ]),
  ),
].sort();

/** The subject types the calls write: `subject: { type: 'x' }`, or a file's `subject(id)` helper. */
const subjects = [
  ...new Set(
    auditCalls.flatMap(({ source, args }) => {
      const literal = args.match(/\bsubject:\s*\{\s*type:\s*'([a-z_]+)'/)?.[1];
      const helper = /\bsubject:\s*subject\(/.test(args)
        ? source.match(/const subject = \(id: string\) => \(\{ type: '([a-z_]+)'/)?.[1]
        : undefined;
      return [literal ?? helper ?? []].flat();
    }),
  ),
].sort();

/** The audit subjects console resources show (their `auditSubject`, else their table). */
const resourceSubjects = new Set(
  sources
    .filter((source) => source.includes('defineResource'))
    .flatMap((source) => [...source.matchAll(/\b(?:auditSubject|table): '([a-z_]+)'/g)].map((m) => m[1])),
);

describe('history field words', () => {
  it('finds the fields audit snapshots write', () => {
    expect(fields).toContain('deviceId');
    expect(fields.length).toBeGreaterThan(50);
    // A refund's entries spread `refundSnapshot(refund)`; a payment's call `auditSnapshot(payment)`.
    expect(fields).toEqual(expect.arrayContaining(['attempt', 'rejectionReason', 'providerStatus']));
  });

  // A field with no resource label reads from this catalog; without it the history shows the
  // humanized English key ("Device id") in Hindi and Spanish too (issue 28).
  it.each([
    ['en', auditFieldsEn],
    ['hi', auditFieldsHi],
    ['es', auditFieldsEs],
  ] as const)('words every field a snapshot writes in %s', (_, catalog) => {
    const words = catalog.od.audit.fields as Record<string, string>;
    // The record's own `id` is never a line of its history (`changedFields` leaves it out).
    const shown = fields.filter((field) => field !== 'id');
    expect(shown.filter((field) => typeof words[field] !== 'string' || !words[field])).toEqual([]);
  });

  it.each([
    ['en', auditFieldsEn],
    ['hi', auditFieldsHi],
    ['es', auditFieldsEs],
  ] as const)('names every audit subject by a resource or by its words in %s', (_, catalog) => {
    expect(subjects).toContain('coffee_alarm');
    const words = catalog.od.audit.subjects as Record<string, string>;
    expect(subjects.filter((type) => !resourceSubjects.has(type) && !words[type])).toEqual([]);
  });
});
