import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../src/core/i18n/locale.ts';

/**
 * What the docs say about the tree, read against it (issue 57 item 4): the layout of
 * docs/architecture.md, where the stand-ins live, the pieces of core/imports, and the languages of
 * every catalog. A folder added, moved or removed without its line in the docs fails here.
 */
const root = resolve(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
/** The folders of a directory; hidden ones (`test/.doc-blocks`, written by a test) are not the layout's. */
const foldersOf = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((name) => !name.startsWith('.') && statSync(join(root, dir, name)).isDirectory())
    .sort();
const filesOf = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((name) => statSync(join(root, dir, name)).isFile())
    .sort();
const isSource = (name: string) => name.endsWith('.ts') && !name.endsWith('.test.ts');

/** Drops every parenthesized aside, nested ones included. */
function withoutAsides(text: string): string {
  let out = '';
  let depth = 0;
  for (const char of text) {
    if (char === '(') depth++;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += char;
  }
  return out;
}

/** The entries of architecture.md's layout block: `src/core/` → its text, joined over its lines. */
function layoutEntries(markdown: string): Map<string, string> {
  const block = /```\n(src\/platform\/[\s\S]*?)```/.exec(markdown)?.[1];
  if (!block) throw new Error('docs/architecture.md has no layout block starting with src/platform/');
  const entries = new Map<string, string>();
  let current: string | undefined;
  for (const line of block.split('\n')) {
    const head = /^(\S+\/)\s+(.*)$/.exec(line);
    if (head) {
      current = head[1]!;
      entries.set(current, head[2]!);
    } else if (current && line.trim()) entries.set(current, `${entries.get(current)} ${line.trim()}`);
  }
  return entries;
}

/** The names an entry lists after its colon (`auth, audit, passes + pass-issuer, …`), asides left out. */
function listedNames(entry: string): string[] {
  const list = withoutAsides(entry.slice(entry.indexOf(':') + 1)).split(';')[0]!;
  return list
    .split(/[,+]/)
    .map((name) => name.trim().replace(/^and /, ''))
    .filter(Boolean)
    .sort();
}

/** The folders an entry names as `name/` (test/'s `api/ (…), cli/ (…)`), not paths inside them. */
function listedFolders(entry: string): string[] {
  return [...entry.matchAll(/(?:^|[\s,])([a-z][a-z-]*)\/(?=\s|$)/g)].map((m) => m[1]!).sort();
}

describe('docs/architecture.md: the layout', () => {
  const entries = layoutEntries(read('docs/architecture.md'));

  it('reads the names an entry lists and the folders it names', () => {
    expect(
      listedNames('capabilities: auth, jobs (the jobs screen, `x`), passes (a) + pass-issuer; more'),
    ).toEqual(['auth', 'jobs', 'pass-issuer', 'passes']);
    expect(listedFolders('api/ (x), cli/ (real), in src/channels/*/sandbox/ and')).toEqual(['api', 'cli']);
  });

  for (const dir of ['src/platform/', 'src/core/', 'src/channels/', 'src/modules/'])
    it(`lists every folder of ${dir} and no other`, () => {
      const entry = entries.get(dir);
      expect(entry, `${dir} has no entry`).toBeDefined();
      expect(listedNames(entry!)).toEqual(foldersOf(dir));
    });

  it('lists every folder of test/ and no other', () => {
    const entry = entries.get('test/');
    expect(entry, 'test/ has no entry').toBeDefined();
    expect(listedFolders(entry!)).toEqual(foldersOf('test'));
  });
});

describe('test/standins/README.md: where the stand-ins live', () => {
  const readme = read('test/standins/README.md');
  // `google-sheets.ts` (+ `.oauth.ts`) names google-sheets.oauth.ts: a suffix extends the file before it.
  const named = new Set<string>();
  let last = '';
  for (const [, path] of readme.matchAll(/`([^`\s]+\.ts)`/g)) {
    if (path!.includes('<')) continue;
    if (path!.startsWith('.')) named.add(`${last.replace(/\.ts$/, '')}${path}`);
    else {
      named.add(path!);
      last = path!;
    }
  }

  it('names only files that exist, here or at their repository path', () => {
    const missing = [...named].filter(
      (p) => !existsSync(join(root, p)) && !existsSync(join(root, 'test/standins', p)),
    );
    expect(missing).toEqual([]);
  });

  it('names every stand-in of test/standins', () => {
    const unnamed = filesOf('test/standins').filter((f) => isSource(f) && !named.has(f));
    expect(unnamed).toEqual([]);
  });

  it("names every channel's sandbox driver, where it lives in src/channels", () => {
    const drivers = foldersOf('src/channels')
      .filter((channel) => existsSync(join(root, 'src/channels', channel, 'sandbox')))
      .flatMap((channel) =>
        filesOf(`src/channels/${channel}/sandbox`)
          .filter(isSource)
          .map((f) => `src/channels/${channel}/sandbox/${f}`),
      );
    // Each sandbox folder is named by its entry file; its helpers (`telegram-bot-api.faults.ts`) may be.
    const folders = new Set(drivers.map((d) => d.slice(0, d.lastIndexOf('/'))));
    const unnamed = [...folders].filter((folder) => ![...named].some((p) => p.startsWith(`${folder}/`)));
    expect(unnamed).toEqual([]);
  });
});

describe('docs/imports.md: the pieces of src/core/imports', () => {
  const pieces = read('docs/imports.md').split('## The pieces')[1]!.split('\n## ')[0]!;
  const firstColumns = [...pieces.matchAll(/^\| ([^|]+) \|/gm)].map((m) => m[1]!);
  const named = firstColumns.flatMap((cell) => [...cell.matchAll(/`([^`\s]+\.ts)`/g)].map((m) => m[1]!));

  it('names every file of src/core/imports', () => {
    const unnamed = filesOf('src/core/imports').filter(
      (f) => isSource(f) && f !== 'index.ts' && !named.includes(f),
    );
    expect(unnamed).toEqual([]);
  });

  it('names only files that exist', () => {
    const missing = named.filter(
      (p) =>
        !existsSync(join(root, p)) &&
        !existsSync(join(root, 'src/core/imports', p)) &&
        !existsSync(join(root, 'src/app/cli', p)),
    );
    expect(missing).toEqual([]);
  });
});

describe('docs/core-capabilities.md: the languages of every catalog', () => {
  const i18nSection = read('docs/core-capabilities.md').split('## i18n')[1]!;
  const rows = [...i18nSection.matchAll(/^\s*\| `([^`]+)` \| [^|]+ \| ([a-z, ]+) \|$/gm)].map((m) => ({
    path: m[1]!,
    languages: m[2]!.split(',').map((l) => l.trim()),
  }));
  const byPath = new Map(rows.map((r) => [r.path, r.languages]));

  /** The languages of a catalog module: the keys of its exports keyed by language (`{ en, hi, … }`). */
  async function languagesOf(path: string): Promise<string[]> {
    const exported: Record<string, unknown> = await import(pathToFileURL(join(root, path)).href);
    const languages = new Set<string>();
    for (const value of Object.values(exported)) {
      if (!value || typeof value !== 'object') continue;
      const keys = Object.keys(value);
      if (keys.includes('en') && keys.every((k) => (LOCALES as readonly string[]).includes(k)))
        for (const k of keys) languages.add(k);
    }
    return [...languages];
  }

  const catalogs = (dir: string): string[] =>
    readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.catalog\.ts$/.test(f))
      .map((f) => `${dir}/${f}`);

  it('lists every catalog of src/', () => {
    const all = [...catalogs('src/core'), ...catalogs('src/channels'), ...catalogs('src/modules')];
    expect(all.filter((p) => !byPath.has(p))).toEqual([]);
  });

  for (const { path, languages } of rows.filter((r) => !r.path.includes('<')))
    it(`${path} speaks what the table says`, async () => {
      expect((await languagesOf(path)).sort()).toEqual([...languages].sort());
    });

  it("every module's console words are in the languages the table says", () => {
    const claimed = byPath.get('src/modules/<m>/console/<m>.labels.<lang>.ts');
    expect(claimed).toBeDefined();
    for (const module of foldersOf('src/modules').filter((m) =>
      existsSync(join(root, 'src/modules', m, 'console')),
    )) {
      const spoken = filesOf(`src/modules/${module}/console`)
        .map((f) => new RegExp(`^${module}\\.labels\\.([a-z]{2})\\.ts$`).exec(f)?.[1])
        .filter((l): l is string => Boolean(l));
      expect(spoken.sort(), module).toEqual([...claimed!].sort());
    }
  });
});
