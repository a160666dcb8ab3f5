import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isOlderThan, newestChange } from './newest-change.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A source tree and a build output whose times are set, not waited for. */
function tree() {
  const root = mkdtempSync(join(tmpdir(), 'opsdesk-newest-'));
  dirs.push(root);
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);
  mkdirSync(join(root, 'src', 'core'), { recursive: true });
  writeFileSync(join(root, 'src', 'core', 'a.ts'), '');
  writeFileSync(join(root, 'src', 'core', 'a.test.ts'), '');
  writeFileSync(join(root, 'built'), '');
  for (const path of ['src/core/a.ts', 'src/core/a.test.ts', 'src/core', 'src']) at(join(root, path), 1_000);
  at(join(root, 'built'), 2_000);
  return { root, at, src: join(root, 'src'), built: join(root, 'built') };
}

const tests = (name: string, isFolder: boolean) => !isFolder && name.endsWith('.test.ts');

describe('what npm start rebuilds', () => {
  it('keeps a build newer than every source', () => {
    const { src, built } = tree();
    expect(isOlderThan(built, [newestChange(src, tests)])).toBe(false);
  });

  it('rebuilds when a source is saved after the build', () => {
    const { src, built, root, at } = tree();
    at(join(root, 'src/core/a.ts'), 3_000);
    expect(isOlderThan(built, [newestChange(src, tests)])).toBe(true);
  });

  it('rebuilds when a source is removed: its folder changed, though no remaining file did', () => {
    const { src, built, root, at } = tree();
    rmSync(join(root, 'src/core/a.test.ts'));
    at(join(root, 'src/core'), 3_000);
    expect(isOlderThan(built, [newestChange(src, tests)])).toBe(true);
  });

  it('ignores what the skip leaves out, and builds when there is no build yet', () => {
    const { src, built, root, at } = tree();
    at(join(root, 'src/core/a.test.ts'), 3_000);
    expect(isOlderThan(built, [newestChange(src, tests)])).toBe(false);
    expect(isOlderThan(join(root, 'missing'), [newestChange(src, tests)])).toBe(true);
    expect(newestChange(join(root, 'missing'))).toBe(0);
  });
});
