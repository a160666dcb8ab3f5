import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findForeignTables, type SourceText, schemaOf } from '../../scripts/table-ownership.rules.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

/** A code block of a doc marked with the file it stands for (```ts file=src/modules/guestbook/x.ts). */
export type DocBlock = SourceText;

/** The blocks of a markdown page that name their file, in page order. */
export const fileBlocksOf = (markdown: string): DocBlock[] =>
  [...markdown.matchAll(/```\w+ file=(\S+)\n([\s\S]*?)```/g)].map((m) => ({ path: m[1]!, text: m[2]! }));

/**
 * Writes `blocks` under a new folder inside the repository (`test/.doc-blocks/`, ignored by git; a dot
 * folder, so the repository's own tsc, vitest and biome globs skip it), beside links to the real
 * `src/core` and `src/platform`: the blocks' relative imports reach the real core, and their bare
 * imports the repository's node_modules. Returns the folder.
 */
export function writeDocBlocks(blocks: ReadonlyArray<DocBlock>): string {
  const parent = join(ROOT, 'test/.doc-blocks');
  mkdirSync(parent, { recursive: true });
  const folder = mkdtempSync(join(parent, 'run-'));
  mkdirSync(join(folder, 'src'));
  for (const shared of ['src/core', 'src/platform'])
    symlinkSync(join(ROOT, shared), join(folder, shared), 'dir');
  for (const { path, text } of blocks) {
    mkdirSync(join(folder, dirname(path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}

/**
 * Type-checks the TypeScript files under `include` (a folder of `folder`) with the repository's
 * compiler options, against everything of the core they import: tsc's diagnostics in those files,
 * empty when none. A diagnostic in the core itself is `npm run typecheck`'s to report (another change
 * may be under way there), unless tsc names no file at all (a broken configuration).
 */
export function typeCheckDocBlocks(folder: string, include: string): string {
  writeFileSync(
    join(folder, 'tsconfig.json'),
    JSON.stringify({ extends: join(ROOT, 'tsconfig.json'), include: [include], exclude: [] }),
  );
  const tsc = spawnSync(
    join(ROOT, 'node_modules/.bin/tsc'),
    // One thread: less CPU in all than tsc's parallel checkers, on a machine the test run keeps busy.
    ['--noEmit', '--singleThreaded', '--pretty', 'false', '-p', join(folder, 'tsconfig.json')],
    { cwd: folder, encoding: 'utf8' },
  );
  if (tsc.error) throw tsc.error;
  if (tsc.status === 0) return '';
  const output = `${tsc.stdout}${tsc.stderr}`.trim();
  const diagnostics = output.split('\n').filter((line) => /^\S+\(\d+,\d+\): error /.test(line));
  if (!diagnostics.length) return output || `tsc exited with ${tsc.status}`;
  // A diagnostic's further lines are indented under it.
  const ours: string[] = [];
  let keeping = false;
  for (const line of output.split('\n')) {
    if (/^\S/.test(line)) keeping = line.startsWith(`${include}/`);
    if (keeping) ours.push(line);
  }
  return ours.join('\n');
}

/**
 * The table-ownership rule `npm run check:deps` holds modules to (scripts/table-ownership.rules.ts),
 * applied to doc blocks: the tables their migrations create, beside the core's, and every table their
 * SQL names. Each broken rule as a line; empty when the blocks name only their module's own tables
 * (created by their migrations, prefixed with its name) and the core's public views.
 */
export function foreignTablesOf(blocks: ReadonlyArray<DocBlock>): string[] {
  const coreMigrations = readdirSync(join(ROOT, 'src/core/migrations'))
    .filter((name) => name.endsWith('.sql'))
    .map((name) => ({
      path: `src/core/migrations/${name}`,
      text: readFileSync(join(ROOT, 'src/core/migrations', name), 'utf8'),
    }));
  const sql = blocks.filter((b) => b.path.endsWith('.sql'));
  const sources = blocks.filter((b) => /\.tsx?$/.test(b.path));
  return findForeignTables(sources, schemaOf([...coreMigrations, ...sql], sources));
}
