import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const folder = dirname(fileURLToPath(import.meta.url));
const root = join(folder, '../../..');

/** Every file reachable from `entry` through static imports, and the package specifiers they import. */
function staticImportGraph(entry: string): { files: string[]; packages: Set<string> } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)) {
      const specifier = match[1] ?? '';
      if (specifier.startsWith('.')) pending.push(join(dirname(file), specifier));
      else packages.add(specifier);
    }
  }
  return { files: [...seen].map((file) => relative(root, file)), packages };
}

describe('passes capability in the browser', () => {
  it('statically imports nothing Node-only from its public entry, so the offline scanner can bundle it', () => {
    const { files, packages } = staticImportGraph(join(folder, 'index.ts'));
    expect(files).toContain('src/core/passes/pass-verify.ts');
    expect(files.filter((file) => !file.startsWith('src/core/passes/'))).toEqual([
      'src/platform/errors/index.ts',
    ]);
    expect(packages).toEqual(new Set(['@noble/ed25519', '@noble/hashes/sha2.js', '@noble/hashes/utils.js']));
  });
});
