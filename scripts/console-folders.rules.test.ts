import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CONSOLE_FOLDER_ORDER,
  consoleFolderOf,
  findConsoleFolderCycles,
  findConsoleFolderProblems,
} from './console-folders.rules.ts';

const edges = (...pairs: Array<[string, string]>) => pairs.map(([from, to]) => ({ from, to }));
const src = (path: string) => `web/console/src/${path}`;

describe("the console's folder order", () => {
  it('names the folder of a console file, the root files apart, and nothing outside the console', () => {
    expect(consoleFolderOf(src('pages/audit/AuditPage.tsx'))).toBe('pages');
    expect(consoleFolderOf(src('App.tsx'))).toBe('(root)');
    expect(consoleFolderOf('src/modules/mess/console/index.ts')).toBeUndefined();
    expect(consoleFolderOf('web/scanner/src/main.ts')).toBeUndefined();
  });

  it('lets a folder import its own files and the folders below it', () => {
    expect(
      findConsoleFolderProblems(
        edges(
          [src('App.tsx'), src('layout/ConsoleLayout.tsx')],
          [src('layout/ConsoleLayout.tsx'), src('layout/ConsoleMenu.tsx')],
          [src('pages/audit/AuditPage.tsx'), src('extensions/RowsTable.tsx')],
          [src('extensions/index.ts'), src('api/http.ts')],
          [src('api/resource-meta.ts'), src('i18n/labels.ts')],
        ),
      ),
    ).toEqual([]);
  });

  it('refuses a back edge: a lower folder importing a higher one, naming both files and the order', () => {
    expect(
      findConsoleFolderProblems(edges([src('extensions/index.ts'), src('pages/payments/RefundPanel.tsx')])),
    ).toEqual([
      `web/console/src/extensions/index.ts imports web/console/src/pages/payments/RefundPanel.tsx: the console's folders import downward only (${CONSOLE_FOLDER_ORDER.join(' → ')})`,
    ]);
    expect(findConsoleFolderProblems(edges([src('i18n/labels.ts'), src('App.tsx')]))[0]).toMatch(
      /downward only/,
    );
  });

  it('refuses a folder the order does not place, so a new folder is given its place', () => {
    expect(findConsoleFolderProblems(edges([src('widgets/Chart.tsx'), src('api/http.ts')]))).toEqual([
      expect.stringMatching(/^web\/console\/src\/widgets\/ has no place in the console's folder order/),
    ]);
  });

  it('leaves imports from outside the console to the other rules', () => {
    expect(
      findConsoleFolderProblems(edges(['src/modules/mess/console/index.ts', src('extensions/index.ts')])),
    ).toEqual([]);
  });
});

describe("the console's folder cycles", () => {
  it('lists each pair of folders that import each other, with one import each way', () => {
    expect(
      findConsoleFolderCycles(
        edges(
          [src('layout/navigation.ts'), src('extensions/registry.ts')],
          [src('extensions/index.ts'), src('layout/DayRange.tsx')],
          [src('pages/LoginPage.tsx'), src('api/http.ts')],
        ),
      ),
    ).toEqual([
      'folders importing each other: extensions ⇄ layout (web/console/src/extensions/index.ts → web/console/src/layout/DayRange.tsx; web/console/src/layout/navigation.ts → web/console/src/extensions/registry.ts)',
    ]);
  });

  it('finds a loop through three folders that no pair shows', () => {
    expect(
      findConsoleFolderCycles(
        edges(
          [src('layout/a.ts'), src('pages/b.ts')],
          [src('pages/b.ts'), src('api/c.ts')],
          [src('api/c.ts'), src('layout/d.ts')],
        ),
      ),
    ).toEqual(['folder cycle: api → layout → pages → api']);
  });

  it('finds none when folders import one way', () => {
    expect(
      findConsoleFolderCycles(
        edges(
          [src('App.tsx'), src('layout/ConsoleLayout.tsx')],
          [src('layout/ConsoleLayout.tsx'), src('api/http.ts')],
          [src('App.tsx'), src('api/http.ts')],
        ),
      ),
    ).toEqual([]);
  });
});

describe("docs/architecture.md: the console's folders", () => {
  it('lists the folders top to bottom in the order check:deps holds', () => {
    const doc = readFileSync(new URL('../docs/architecture.md', import.meta.url), 'utf8');
    const block = doc.split('```').find((part) => part.trimStart().startsWith('(root)'));
    const listed = (block ?? '')
      .split('\n')
      .map((line) => /^(\(root\)|[a-z0-9]+\/)\s/.exec(line)?.[1]?.replace(/\/$/, ''))
      .filter((name): name is string => name !== undefined);
    expect(listed).toEqual(CONSOLE_FOLDER_ORDER);
  });
});
