import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chunkExports, missingLazyNames } from './check-lazy-imports.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A bundle folder holding `files`, shaped as esbuild writes `dist/src/app`. */
function bundle(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'opsdesk-lazy-'));
  dirs.push(dir);
  for (const [name, source] of Object.entries(files)) writeFileSync(join(dir, name), source);
  return dir;
}

// What esbuild wrote for `await import('grammy')` before the build re-exported CommonJS names.
const COMMONJS_CHUNK = 'var require_mod = __commonJS({});\nexport default require_mod();\n';
const NAMED_CHUNK = 'var x = 1;\nexport {\n  Bot,\n  GrammyError as GrammyError,\n  y as default\n};\n';

describe('the check over the built server', () => {
  it('reads the names a chunk exports from its export clause and its default export', () => {
    expect([...chunkExports(NAMED_CHUNK)]).toEqual(['Bot', 'GrammyError', 'default']);
    expect([...chunkExports(COMMONJS_CHUNK)]).toEqual(['default']);
  });

  it('names each destructured or namespace-read name that the lazily loaded chunk lacks', () => {
    const cli = [
      'async function start() {',
      '  const { Bot } = await import("./cli-GRAMMY.js");',
      '  return new Bot("t");',
      '}',
      'function s3() {',
      '  sdk ??= import("./cli-S3.js").then((s3) => ({',
      '    client: new s3.S3Client({})',
      '  }));',
      '}',
      'const s3 = other.S3Client;',
    ].join('\n');
    const broken = bundle({ 'cli.js': cli, 'cli-GRAMMY.js': COMMONJS_CHUNK, 'cli-S3.js': COMMONJS_CHUNK });
    expect(missingLazyNames(broken)).toEqual([
      'cli.js:2 takes Bot from ./cli-GRAMMY.js, which does not export it',
      'cli.js:7 takes S3Client from ./cli-S3.js, which does not export it',
    ]);
    const fixed = bundle({
      'cli.js': cli,
      'cli-GRAMMY.js': NAMED_CHUNK,
      'cli-S3.js': 'export {\n  S3Client\n};\n',
    });
    expect(missingLazyNames(fixed)).toEqual([]);
  });
});
