import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const folder = dirname(fileURLToPath(import.meta.url));

/** Every file reachable from index.ts through static imports, with the bare specifiers it imports. */
function staticImportGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (graph.has(file)) continue;
    const source = readFileSync(join(folder, file), 'utf8');
    const specifiers = [...source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map(
      (m) => m[1] ?? '',
    );
    graph.set(file, specifiers);
    for (const specifier of specifiers) if (specifier.startsWith('./')) pending.push(specifier.slice(2));
  }
  return graph;
}

describe('passes capability in the browser', () => {
  it('statically imports nothing Node-only from its public entry, so the offline scanner can bundle it', () => {
    const graph = staticImportGraph('index.ts');
    expect(graph.has('pass-verify.ts')).toBe(true);
    const external = [...graph.values()].flat().filter((specifier) => !specifier.startsWith('./'));
    expect(new Set(external)).toEqual(
      new Set(['@noble/ed25519', '@noble/hashes/sha2.js', '@noble/hashes/utils.js']),
    );
  });
});
