import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const folder = dirname(fileURLToPath(import.meta.url));
const root = join(folder, '../../..');

/** Every file reachable from `entry` through static imports, and the packages they import. */
function staticImportGraph(entry: string): { files: string[]; packages: Set<string> } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(
      /^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gms,
    )) {
      const specifier = match[1] ?? '';
      if (specifier.startsWith('.')) pending.push(join(dirname(file), specifier));
      else packages.add(specifier);
    }
  }
  return { files: [...seen].map((file) => relative(root, file)), packages };
}

describe('mess browser entry', () => {
  it('imports nothing Node-only and no database, so the offline scanner can bundle it', () => {
    const { files, packages } = staticImportGraph(join(folder, 'browser.ts'));
    expect(files).toContain('src/modules/mess/mess.rules.ts');
    expect(files.every((f) => f.startsWith('src/modules/mess/'))).toBe(true);
    expect(packages).toEqual(new Set(['zod']));
  });
});
