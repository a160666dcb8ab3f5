import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findViolations, importEdgesOf } from '../../scripts/boundaries.rules.ts';
import type { App } from '../../src/app/build-app.ts';
import { addModuleCommands } from '../../src/app/cli/module-commands.ts';
import { AVAILABLE_MODULES } from '../../src/app/modules.ts';
import { errorMessageProblems } from '../../src/core/i18n/index.ts';
import { type AnyArea, selectModules } from '../../src/core/modules/index.ts';
import {
  fileBlocksOf,
  foreignTablesOf,
  typeCheckDocBlocks,
  writeDocBlocks,
} from '../support/doc-code-blocks.ts';
import { eventually } from '../support/eventually.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * docs/writing-a-module.md builds a sixth module, `guestbook`, in code blocks marked
 * `file=src/modules/guestbook/…`. This test takes those blocks as they are, writes them to a
 * folder of their own beside links to the real core and platform, type-checks them with the
 * repository's compiler options, holds them to the dependency and table-ownership rules of
 * `npm run check:deps`, and plugs the module in the way the doc says: listed after
 * AVAILABLE_MODULES and enabled by OPSDESK_MODULES. If the doc's code stops compiling, obeying the
 * rules, loading or working, this fails.
 */
const ROOT = new URL('../../', import.meta.url).pathname;
const blocks = fileBlocksOf(readFileSync(join(ROOT, 'docs/writing-a-module.md'), 'utf8'));
const GUESTBOOK = 'src/modules/guestbook';

let folder: string;
let guestbook: AnyArea;
let app: TestApp;

const load = async <T>(file: string): Promise<T> =>
  (await import(pathToFileURL(join(folder, GUESTBOOK, file)).href)) as T;

beforeAll(async () => {
  folder = writeDocBlocks(blocks);
  guestbook = (await load<{ guestbookModule: AnyArea }>('index.ts')).guestbookModule;
  app = await startTestApp({
    modules: selectModules([...AVAILABLE_MODULES, guestbook], ['guestbook']),
    migrate: true,
  });
  await app.startWorker();
  await app.createStaff({ email: 'host@example.org', role: 'admin' });
});

afterAll(async () => {
  await app?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe("writing-a-module.md's example module", () => {
  it('lives in its own folder and follows the dependency rules', () => {
    expect(blocks.map((b) => b.path).every((p) => p.startsWith(`${GUESTBOOK}/`))).toBe(true);
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    const edges = blocks.flatMap((b) => importEdgesOf(b.path, b.text));
    expect(findViolations(edges)).toEqual([]);
  });

  // tsc reads the whole core the blocks import: seconds alone, longer on a busy machine.
  it('type-checks against the real core and platform', { timeout: 180_000 }, () => {
    expect(typeCheckDocBlocks(folder, GUESTBOOK)).toBe('');
  });

  it("names in SQL only its own tables, prefixed guestbook_, and the core's public views", () => {
    expect(foreignTablesOf(blocks)).toEqual([]);
  });

  it('words every error code it declares', async () => {
    const { guestbookErrorMessages } = await load<{ guestbookErrorMessages: { en: Record<string, string> } }>(
      'guestbook.errors.catalog.ts',
    );
    expect(guestbook.errors?.map((t) => t.area)).toEqual(['guestbook']);
    const catalog = { en: { errors: { guestbook: guestbookErrorMessages.en } } };
    expect(errorMessageProblems(catalog, guestbook.errors ?? [])).toEqual([]);
  });

  it('serves its route, and its job counts the words of what the route stored', async () => {
    const host = await app.signIn('host@example.org');
    const signed = await host.post('/api/guestbook/entries', { name: 'Asha', message: 'what a lovely desk' });
    expect(signed.statusCode).toBe(201);
    expect(signed.json()).toMatchObject({ name: 'Asha', words: null });
    const counted = await eventually(
      async () => {
        const [entry] = (await host.get('/api/guestbook/entries')).json() as Array<{ words: number | null }>;
        return entry?.words === null ? undefined : entry;
      },
      { timeoutMs: 15_000, what: 'the word count' },
    );
    expect(counted).toMatchObject({ name: 'Asha', words: 4 });
  });

  it('answers a create retried with its Idempotency-Key with the first answer, and refuses a name twice', async () => {
    const host = await app.signIn('host@example.org');
    const body = { name: 'Ravi', message: 'see you next year' };
    const first = await host.post('/api/guestbook/entries', body, { 'idempotency-key': 'ravi-1' });
    const again = await host.post('/api/guestbook/entries', body, { 'idempotency-key': 'ravi-1' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    const twice = await host.post('/api/guestbook/entries', body, { 'idempotency-key': 'ravi-2' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'guestbook.already_signed' });
  });

  it("offers its command on the CLI, which reads through the module's runtime", async () => {
    const lines: string[] = [];
    const program = new Command('opsdesk').exitOverride();
    // The CLI closes the app a command booted; this one belongs to the test.
    const bootApp = async () => ({ ...app, close: async () => {} }) as App;
    addModuleCommands(program, app.modules, bootApp, (line) => lines.push(line));
    await program.parseAsync(['guestbook', 'count', '--org', 'default'], { from: 'user' });
    expect(lines).toEqual(['2 signed in default']);
  });
});
