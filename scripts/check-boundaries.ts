/** `npm run check:deps`: fails when an import breaks the layering rules (see boundaries.rules.ts). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findViolations, type ImportEdge } from './boundaries.rules.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) yield path;
  }
}

const edges: ImportEdge[] = [];
for (const top of ['src', 'web']) {
  for (const file of sourceFiles(join(ROOT, top))) {
    const from = relative(ROOT, file);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3]!;
      if (!spec.startsWith('.')) continue;
      edges.push({ from, to: normalize(join(dirname(from), spec)) });
    }
  }
}
const problems = findViolations(edges);
if (problems.length) {
  console.error(
    `Dependency rules broken (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  );
  process.exit(1);
}
console.log(`Dependency rules hold (${edges.length} imports checked).`);
