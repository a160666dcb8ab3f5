import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A static import or re-export. A whole statement of types (`import type { X } from`, `export type
 * { X } from`) is not one: the compiler erases it, so nothing of its file reaches a bundle.
 */
const STATIC = /^\s*(?:import|export)\s(?!type\s)[^;]*?from\s+'([^']+)'/gms;
/** What a bundler also follows: lazy `import('./x.tsx')` chunks and side-effect `import './x'`. */
const BUNDLED = [STATIC, /\bimport\(\s*'([^']+)'\s*\)/g, /^\s*import\s+'([^']+)'/gm];

function importGraph(entry: string, patterns: RegExp[]): { files: string[]; packages: Set<string> } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        const specifier = match[1] ?? '';
        if (specifier.startsWith('.')) pending.push(join(dirname(file), specifier));
        else packages.add(specifier);
      }
    }
  }
  return { files: [...seen].map((file) => relative(ROOT, file)), packages };
}

/**
 * Every file reachable from `entry` through static imports (paths relative to the repository) and
 * the packages they import: browser-safety tests check that an entry the scanner bundles stays Node-free.
 */
export const staticImportGraph = (entry: string) => importGraph(entry, [STATIC]);

/** The same, following lazy imports too: everything a Vite build of `entry` ships, in any chunk. */
export const bundledImportGraph = (entry: string) => importGraph(entry, BUNDLED);
