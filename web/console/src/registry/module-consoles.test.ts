import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundledImportGraph, staticImportGraph } from '../../../../test/support/import-graph.ts';
import { consoleExtensions } from './registry.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Each module folder's console entry, as the console build's glob finds them. */
const entries = readdirSync(join(ROOT, 'src', 'modules'))
  .map((module) => ({
    module,
    entry: ['index.ts', 'index.tsx']
      .map((name) => join('src', 'modules', module, 'console', name))
      .find((path) => existsSync(join(ROOT, path))),
  }))
  .filter((m): m is { module: string; entry: string } => m.entry !== undefined);

/** Packages the console bundles for the browser; nothing else may reach a module's screens. */
const BROWSER_PACKAGES = [
  /^react(-dom|-admin|-router|-router-dom)?(\/|$)/,
  /^@mui\//,
  /^@emotion\//,
  /^@tanstack\/react-query$/,
  /^recharts$/,
  /^ra-/,
  /^zod$/,
  /^@noble\//,
];

/**
 * The core areas that are browser-safe, each proven so by its own browser-safety test: a module's screens
 * may use them (the mess report writes its CSV cells by core/csv's rule).
 */
const BROWSER_SAFE_CORE = ['time', 'csv'].flatMap(
  (area) => staticImportGraph(join(ROOT, 'src', 'core', area, 'index.ts')).files,
);
/** A platform area's `browser.ts` (its ids, its problem types): free of Node built-ins by the boundaries rule. */
const BROWSER_SAFE_PLATFORM = ['ids', 'http'].flatMap(
  (area) => staticImportGraph(join(ROOT, 'src', 'platform', area, 'browser.ts')).files,
);

describe('module screens in the console', () => {
  it('collects every module folder that has a console/ part, with no list to edit', () => {
    expect(entries.map((e) => e.module)).toEqual(expect.arrayContaining(['raffle', 'mess']));
    const collected = consoleExtensions.map((e) => e.name);
    for (const { module } of entries) expect(collected).toContain(module);
  });

  it.each(entries)(
    'bundles only browser code for $module: its console/, the console kit, no server files',
    ({ module, entry }) => {
      const { files, packages } = bundledImportGraph(join(ROOT, entry));
      const browserEntry = join(ROOT, 'src', 'modules', module, 'browser.ts');
      const sharedRules = existsSync(browserEntry) ? staticImportGraph(browserEntry).files : [];
      const outside = files.filter(
        (f) =>
          !f.startsWith(`src/modules/${module}/console/`) &&
          !f.startsWith('web/console/src/') &&
          !sharedRules.includes(f) &&
          !BROWSER_SAFE_CORE.includes(f) &&
          !BROWSER_SAFE_PLATFORM.includes(f),
      );
      expect(outside).toEqual([]);
      expect(files).toContain('web/console/src/extensions/index.ts');
      expect([...packages].filter((p) => !BROWSER_PACKAGES.some((allowed) => allowed.test(p)))).toEqual([]);
    },
  );
});
