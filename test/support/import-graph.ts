import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Every file reachable from `entry` through static imports (paths relative to the repository) and
 * the packages they import: browser-safety tests check that an entry the scanner bundles stays Node-free.
 */
export function staticImportGraph(entry: string): { files: string[]; packages: Set<string> } {
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
  return { files: [...seen].map((file) => relative(ROOT, file)), packages };
}
