import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findViolations, importEdgesOf } from '../../scripts/boundaries.rules.ts';
import type { App } from '../../src/app/build-app.ts';
import { addModuleCommands } from '../../src/app/cli/module-commands.ts';
import { AVAILABLE_MODULES } from '../../src/app/modules.ts';
import { type AnyArea, selectModules } from '../../src/core/modules/index.ts';
import { eventually } from '../support/eventually.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * docs/writing-a-module.md builds a sixth module, `guestbook`, in code blocks marked
 * `file=src/modules/guestbook/…`. This test takes those blocks as they are, writes them to a
 * folder of their own beside links to the real core, platform and node_modules, and plugs the
 * module in the way the doc says: listed after AVAILABLE_MODULES and enabled by OPSDESK_MODULES.
 * If the doc's code stops compiling, loading or working, this fails.
 */
const ROOT = new URL('../../', import.meta.url).pathname;
const DOC = readFileSync(join(ROOT, 'docs/writing-a-module.md'), 'utf8');
const blocks = [...DOC.matchAll(/```\w+ file=(\S+)\n([\s\S]*?)```/g)].map((m) => ({
  path: m[1]!,
  text: m[2]!,
}));

let folder: string;
let guestbook: AnyArea;
let app: TestApp;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'opsdesk-doc-module-'));
  mkdirSync(join(folder, 'src'));
  for (const shared of ['src/core', 'src/platform', 'node_modules'])
    symlinkSync(join(ROOT, shared), join(folder, shared), 'dir');
  for (const { path, text } of blocks) {
    mkdirSync(join(folder, dirname(path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  const entry = pathToFileURL(join(folder, 'src/modules/guestbook/index.ts')).href;
  guestbook = ((await import(entry)) as { guestbookModule: AnyArea }).guestbookModule;
  app = await startTestApp({
    modules: selectModules([...AVAILABLE_MODULES, guestbook], ['guestbook']),
    migrate: true,
  });
  await app.startWorker();
  await app.createStaff({ email: 'host@example.org', role: 'admin' });
});

afterAll(async () => {
  await app?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe("writing-a-module.md's example module", () => {
  it('lives in its own folder and follows the dependency rules', () => {
    expect(blocks.map((b) => b.path).every((p) => p.startsWith('src/modules/guestbook/'))).toBe(true);
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    const edges = blocks.flatMap((b) => importEdgesOf(b.path, b.text));
    expect(findViolations(edges)).toEqual([]);
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

  it("offers its command on the CLI, which reads through the module's runtime", async () => {
    const lines: string[] = [];
    const program = new Command('opsdesk').exitOverride();
    // The CLI closes the app a command booted; this one belongs to the test.
    const bootApp = async () => ({ ...app, close: async () => {} }) as App;
    addModuleCommands(program, app.modules, bootApp, (line) => lines.push(line));
    await program.parseAsync(['guestbook', 'count', '--org', 'default'], { from: 'user' });
    expect(lines).toEqual(['1 signed in default']);
  });
});
