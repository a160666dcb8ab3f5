/**
 * The function sizes of src/ (issue 57 item 3) and of the browser apps in web/ (issue 67), tests and
 * `__tests__/` helpers left out.
 * `node --import tsx scripts/function-sizes.ts` prints the counts and the longest functions;
 * `--check` (run by `npm run check:deps`) fails when a function not on the allowlist passes
 * FUNCTION_LINE_LIMIT lines, when an allowlisted one grew, or when an entry is stale.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OVER_LIMIT_ALLOWLIST } from './function-sizes.allowlist.ts';
import {
  FUNCTION_LINE_LIMIT,
  measureFunctions,
  type SourceText,
  sizeCounts,
  sizeProblems,
} from './function-sizes.rules.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Where the measured code lives: the server and its modules' consoles, and the console, kit and apps of web/. */
const MEASURED_DIRS = ['src', 'web'];
const SKIPPED_DIRS = new Set(['__tests__', 'node_modules', 'dist']);

function* sourcesUnder(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (!SKIPPED_DIRS.has(name)) yield* sourcesUnder(path);
    } else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

const files: SourceText[] = MEASURED_DIRS.flatMap((dir) => [...sourcesUnder(join(ROOT, dir))]).map(
  (file) => ({
    path: relative(ROOT, file),
    text: readFileSync(file, 'utf8'),
  }),
);
const measured = measureFunctions(files);
const counts = sizeCounts(measured);

if (process.argv.includes('--check')) {
  const problems = sizeProblems(measured, OVER_LIMIT_ALLOWLIST);
  if (problems.length) {
    console.error(
      `Function sizes (${problems.length} problems):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    process.exit(1);
  }
  console.log(
    `Function sizes hold (${counts.functions} functions in src/ and web/: ${counts.over50} over 50 lines, ` +
      `${counts.over80} over ${FUNCTION_LINE_LIMIT}, all on the allowlist; ${counts.routePluginsOver50} route plugins over 50).`,
  );
} else if (process.argv.includes('--allowlist')) {
  const over = measured.filter((f) => f.lines > FUNCTION_LINE_LIMIT);
  for (const f of over.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line))
    console.log(`  { path: '${f.path}', name: ${JSON.stringify(f.name)}, lines: ${f.lines} },`);
} else {
  const top = Number(process.argv[2] ?? 30);
  console.log(JSON.stringify(counts));
  const longest = [...measured].sort((a, b) => b.lines - a.lines).slice(0, top);
  for (const f of longest)
    console.log(
      `${String(f.lines).padStart(4)}  ${f.path}:${f.line}  ${f.name}${f.routePlugin ? '  [route plugin]' : ''}`,
    );
  if (process.argv.includes('--plugins'))
    for (const f of measured.filter((m) => m.routePlugin && m.lines > 50).sort((a, b) => b.lines - a.lines))
      console.log(`plugin ${String(f.lines).padStart(4)}  ${f.path}:${f.line}  ${f.name}`);
}
