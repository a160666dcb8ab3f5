import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
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

/**
 * What the README and every page of docs/ name, read against the code (issue 67: 6 of 26 claims had
 * drifted): the settings, the `opsdesk` commands, the npm scripts and the HTTP routes each page names, and
 * the counts the README states. A setting, command or route renamed or removed without its page fails here.
 */
describe('README.md and docs/: the settings, commands, scripts and routes they name', () => {
  const documents = [
    'README.md',
    ...filesOf('docs')
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  const texts = new Map(documents.map((doc) => [doc, read(doc)]));
  const gitFiles = (...dirs: string[]) =>
    dirs.flatMap((dir) =>
      (readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }) as string[])
        .filter((f) => /\.tsx?$/.test(f) && !f.includes('node_modules') && !f.startsWith('dist'))
        .map((f) => `${dir}/${f}`),
    );
  const code = gitFiles('src', 'test', 'scripts').map(read).join('\n');

  it('names only settings the code reads', () => {
    const unread = documents.flatMap((doc) =>
      [...new Set(texts.get(doc)!.match(/\bOPSDESK_[A-Z0-9_]*[A-Z0-9]\b/g) ?? [])]
        .filter((name) => !new RegExp(`\\b${name}\\b`).test(code))
        .map((name) => `${doc}: ${name}`),
    );
    expect(unread).toEqual([]);
  });

  it('names every setting the server reads', () => {
    const documented = [...texts.values()].join('\n');
    const read = [
      ...new Set(gitFiles('src').filter(isSource).map(readSource).join('\n').match(SETTING) ?? []),
    ];
    expect(read.filter((name) => !documented.includes(name))).toEqual([]);
  });

  it('names only npm scripts package.json has', () => {
    const scripts = Object.keys(JSON.parse(read('package.json')).scripts as Record<string, string>);
    const missing = documents.flatMap((doc) =>
      [...texts.get(doc)!.matchAll(/\bnpm (?:run ([a-z][a-z0-9:-]*)|(test|start)\b)/g)]
        .map((m) => m[1] ?? m[2]!)
        .filter((name) => !scripts.includes(name))
        .map((name) => `${doc}: npm run ${name}`),
    );
    expect(missing).toEqual([]);
  });

  // Building the CLI imports every area: slow on a loaded machine, though it runs nothing.
  it('names only opsdesk commands the CLI has', { timeout: 60_000 }, async () => {
    const commands = await cliCommands();
    const missing = documents.flatMap((doc) =>
      [...texts.get(doc)!.matchAll(/\bopsdesk ([a-z][a-z-]*)(?: ([a-z][a-z-]*))?/g)]
        // A page that builds a module (writing-a-module.md's guestbook) names the commands it declares.
        .filter(([, name]) => !texts.get(doc)!.includes(`name: '${name}'`))
        .filter(([, name, sub]) => {
          const subs = commands.get(name!);
          return !subs || (subs.size > 0 && sub !== undefined && !subs.has(sub));
        })
        .map((m) => `${doc}: ${m[0]}`),
    );
    expect(missing).toEqual([]);
  });

  it('names only routes the server declares', () => {
    const declared = declaredRoutes(gitFiles('src').filter(isSource).map(read).join('\n'));
    const missing = documents.flatMap((doc) =>
      routesNamedIn(texts.get(doc)!)
        .filter((route) => !declared.some((d) => sameRoute(route, d)))
        .map((route) => `${doc}: ${route}`),
    );
    expect(missing).toEqual([]);
  });

  it('reads a route named with {id}, <id> or :id, and one that stops at … as the routes it begins', () => {
    expect(sameRoute('/api/payments/{id}/refunds', '/api/payments/:id/refunds')).toBe(true);
    expect(sameRoute('/api/imports/runs/<id>', '/api/imports/runs/:runId')).toBe(true);
    expect(sameRoute('/api/imports/…', '/api/imports/runs/:runId')).toBe(true);
    expect(sameRoute('/api/payments/{id}', '/api/payments/:id/refunds')).toBe(false);
    expect(sameRoute('/api/raffle/', '/api/raffle/orders')).toBe(true);
    expect(sameRoute('/api/…/:id/messages', '/api/contacts/:id/messages')).toBe(true);
    expect(sameRoute('/webhooks/telegram/<org slug>', '/webhooks/telegram/:orgSlug')).toBe(true);
    expect(
      routesNamedIn('`GET /api/payments?page=2`, `POST /api/x/{id}/y`, MoMo `GET /disbursement/v1`'),
    ).toEqual(['/api/payments', '/api/x/{id}/y']);
  });
});

describe('README.md: the settings table', () => {
  /** The table's rows: the settings each names, and its default cell. */
  const rows = [...read('README.md').matchAll(/^\| ((?:`[A-Z0-9_]+`(?:, | \/ )?)+) \| ([^|]*) \|/gm)].map(
    (m) => ({
      names: [...m[1]!.matchAll(/`([A-Z0-9_]+)`/g)].map((n) => n[1]!),
      cell: m[2]!.trim(),
    }),
  );

  it('names every setting the platform and each area read, and no other', { timeout: 60_000 }, async () => {
    const defaults = await settingDefaults();
    const named = rows.flatMap((r) => r.names);
    expect([...defaults.keys()].filter((name) => !named.includes(name))).toEqual([]);
    expect(named.filter((name) => !defaults.has(name))).toEqual([]);
  });

  it('gives each setting the default the code gives it', { timeout: 60_000 }, async () => {
    const defaults = await settingDefaults();
    const wrong = rows.flatMap(({ names, cell }) => {
      // One default per setting (`5` / `15`; unset, `Opsdesk <…>`), or one for a row of one setting.
      const parts = cell.split(/, | \/ /);
      if (parts.length !== names.length) return [];
      return names.flatMap((name, i) => {
        const said = claimedDefault(parts[i]!);
        const actual = shownDefault(defaults.get(name));
        return said === undefined || said === actual
          ? []
          : [`${name}: README says ${said}, the code ${actual}`];
      });
    });
    expect(wrong).toEqual([]);
  });

  it('gives the default the code gives wherever a page says it in passing', { timeout: 60_000 }, async () => {
    const defaults = await settingDefaults();
    const wrong = ['README.md', ...filesOf('docs').map((f) => `docs/${f}`)]
      .filter((doc) => doc.endsWith('.md'))
      .flatMap((doc) =>
        [...read(doc).matchAll(/`([A-Z][A-Z0-9_]+)` \(default ([^),;\s]+)/g)]
          .filter(([, name, said]) => shownDefault(defaults.get(name!)) !== said)
          .map(
            ([claim]) => `${doc}: ${claim}, the code ${shownDefault(defaults.get(claim!.split('`')[1]!))}`,
          ),
      );
    expect(wrong).toEqual([]);
  });
});

describe('README.md: the counts it states', () => {
  const readme = read('README.md');

  it('counts the modules it has and lists each in its table', () => {
    const modules = foldersOf('src/modules');
    const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
    expect(/\b(\w+) operators as modules\b/.exec(readme)?.[1]).toBe(words[modules.length]);
    const firstTable = readme.split('\n## ')[0]!;
    const table = [...firstTable.matchAll(/^\| `([a-z]+)` \|/gm)].map((m) => m[1]!).sort();
    expect(table).toEqual(modules);
  });

  it('names the languages the core speaks', () => {
    const names: Record<string, string> = {
      en: 'English',
      hi: 'Hindi',
      es: 'Spanish',
      fr: 'French',
      rw: 'Kinyarwanda',
    };
    const said = /i18n \(([^)]+)\)/.exec(readme)?.[1]?.split(/, /);
    expect(said).toEqual(LOCALES.map((l) => names[l] ?? l));
  });
});

/** A setting the server reads by name (`OPSDESK_PUBLIC_URL`). */
const SETTING = /\bOPSDESK_[A-Z0-9_]*[A-Z0-9]\b/g;
const readSource = (path: string) => read(path);

/** The top-level commands of `opsdesk`, each with its subcommands (`sms` → `callback-urls`). */
async function cliCommands(): Promise<Map<string, Set<string>>> {
  const { Command } = await import('commander');
  const { addDatabaseCommands } = await import('../src/app/cli/database.commands.ts');
  const { addImportCommand } = await import('../src/app/cli/import.commands.ts');
  const { addModuleCommands } = await import('../src/app/cli/module-commands.ts');
  const { addOrganizationCommands } = await import('../src/app/cli/organization.commands.ts');
  const { addServerCommands } = await import('../src/app/cli/server.commands.ts');
  const { ALWAYS_ENABLED } = await import('../src/app/core-areas.ts');
  const { AVAILABLE_MODULES } = await import('../src/app/modules.ts');
  const program = new Command('opsdesk');
  addServerCommands(program);
  addDatabaseCommands(program);
  addOrganizationCommands(program);
  addImportCommand(program, AVAILABLE_MODULES);
  addModuleCommands(program, [...ALWAYS_ENABLED, ...AVAILABLE_MODULES], () => {
    throw new Error('the docs check lists commands, it runs none');
  });
  return new Map(program.commands.map((c) => [c.name(), new Set(c.commands.map((s) => s.name()))]));
}

/** The paths the server declares: the string literals that start with a path it serves. */
function declaredRoutes(source: string): string[] {
  return [
    ...source.matchAll(/['"`](\/(?:api|webhooks|whatsapp|healthz|readyz|metrics)\b[^'"`\s]*)['"`]/g),
  ].map((m) => m[1]!.replace(/\$\{[^}]*\}/g, ':param'));
}

/** The server's paths a page names in code (`GET /api/payments/{id}`, `/api/org`), query strings left out. */
function routesNamedIn(markdown: string): string[] {
  return [
    ...markdown.matchAll(
      /`(?:(?:GET|POST|PUT|PATCH|DELETE)(?:\/(?:GET|POST|PUT|PATCH|DELETE))* )?(\/(?:api|webhooks|whatsapp|healthz|readyz|metrics)\b(?:<[^>`]*>|[^`\s?])*)/g,
    ),
  ].map((m) => m[1]!);
}

/**
 * A path a page names against one the server declares: `{id}`, `<id>`, `${id}` and `:id` name a
 * parameter, and `…` any one segment; a path that stops at `…` or `/` (`/api/raffle/`, `/api`) names
 * the routes under it.
 */
function sameRoute(named: string, declared: string): boolean {
  const isParam = (s: string) => /^(\{[^}]*\}|<[^>]*>|\$\{[^}]*\}|:\w+)$/.test(s);
  if (named === '/api' || (named.endsWith('/') && declared.startsWith(named) && declared !== named))
    return true;
  const a = named.split('/');
  const b = declared.split('/');
  const open = a.at(-1) === '…';
  if (open ? b.length < a.length - 1 : a.length !== b.length) return false;
  return a.every(
    (s, i) => (open && i === a.length - 1) || s === '…' || s === b[i] || (isParam(s) && isParam(b[i]!)),
  );
}

/** Every setting the server reads (NODE_ENV aside: Node's own) with its default: the platform's and each area's. */
async function settingDefaults(): Promise<Map<string, unknown>> {
  const { configSchema } = await import('../src/platform/config/config.schema.ts');
  const { ALWAYS_ENABLED } = await import('../src/app/core-areas.ts');
  const { AVAILABLE_MODULES } = await import('../src/app/modules.ts');
  const schemas = [configSchema, ...[...ALWAYS_ENABLED, ...AVAILABLE_MODULES].flatMap((a) => a.config ?? [])];
  const defaults = new Map<string, unknown>();
  for (const schema of schemas) {
    if (!(schema instanceof z.ZodObject)) throw new Error('a config schema is an object of settings');
    const parsed = schema.parse({}) as Record<string, unknown>;
    for (const name of Object.keys(schema.shape)) if (name !== 'NODE_ENV') defaults.set(name, parsed[name]);
  }
  return defaults;
}

/** What a default cell says: `unset` or `none`, or the value it opens with in code; undefined when it says it in words. */
function claimedDefault(part: string): string | undefined {
  if (/^(unset|none)\b/.test(part)) return 'unset';
  return /^`([^`]*)`/.exec(part)?.[1];
}

/** A default as the table writes it: a list comma-separated, nothing as `unset`. */
function shownDefault(value: unknown): string {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return 'unset';
  return Array.isArray(value) ? value.join(',') : String(value);
}
