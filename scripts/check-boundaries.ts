/**
 * `npm run check:deps`: fails when an import breaks the layering rules, when files under src/ or web/
 * import each other in a cycle (boundaries.rules.ts), when a folder of the console imports one above it in the
 * console's folder order or two of its folders import each other (console-folders.rules.ts), or when a module's SQL names a table it does not own
 * (table-ownership.rules.ts), a core area writes another core area's or a channel's table or names a module's, a channel's SQL names a table
 * it does not own (beyond reading a core public view), or src/app names a table at all, except the uses
 * table-ownership.allowlist.ts lists (it only shrinks). The rules are pure; this script only reads the files.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findImportCycles, findViolations, importEdgesOf } from './boundaries.rules.ts';
import { findConsoleFolderCycles, findConsoleFolderProblems } from './console-folders.rules.ts';
import { TABLE_OWNERSHIP_ALLOWLIST } from './table-ownership.allowlist.ts';
import {
  areaTableOwners,
  channelTableOwners,
  findChannelAndAppTables,
  findCoreForeignWrites,
  findCoreModuleTables,
  findForeignTables,
  outsideTableAllowlist,
  type SourceText,
  schemaOf,
} from './table-ownership.rules.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function* filesUnder(dir: string, keep: (name: string) => boolean): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* filesUnder(path, keep);
    else if (keep(name)) yield path;
  }
}

const read = (top: string, keep: (name: string) => boolean): SourceText[] =>
  [...filesUnder(join(ROOT, top), keep)].map((file) => ({
    path: relative(ROOT, file),
    text: readFileSync(file, 'utf8'),
  }));

const isSource = (name: string) => /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name);
// Test helpers in `__tests__` (harnesses) are test code: they may start any channel's sandbox.
const sources = [...read('src', isSource), ...read('web', isSource)].filter(
  (s) => !s.path.includes('/__tests__/'),
);

const edges = sources.flatMap(({ path, text }) => importEdgesOf(path, text));
const srcFiles = sources.filter((s) => s.path.startsWith('src/'));
const schema = schemaOf(
  read('src', (name) => name.endsWith('.sql')),
  srcFiles,
);
const channelOwners = channelTableOwners(srcFiles);
const problems = [
  ...findViolations(edges),
  ...findImportCycles(edges),
  ...findConsoleFolderProblems(edges),
  ...findConsoleFolderCycles(edges),
  ...new Set(findForeignTables(srcFiles, schema)),
  ...new Set(findCoreForeignWrites(srcFiles, areaTableOwners(srcFiles), schema.tableTypes)),
  ...new Set(findCoreModuleTables(srcFiles, schema)),
  ...outsideTableAllowlist(
    findChannelAndAppTables(srcFiles, schema, channelOwners),
    TABLE_OWNERSHIP_ALLOWLIST,
  ),
];
if (problems.length) {
  console.error(
    `Dependency rules broken (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  );
  process.exit(1);
}
console.log(
  `Dependency rules hold (${edges.length} imports, no cycles, the console's folders in one direction, ${schema.owners.size} tables and views ` +
    `owned, ${channelOwners.size} by channels; core public views: ${[...schema.publicViews].join(', ') || 'none'}).`,
);
