import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { staticImportGraph } from '../../../test/support/import-graph.ts';

const folder = dirname(fileURLToPath(import.meta.url));

describe('passes capability in the browser', () => {
  it('statically imports nothing Node-only from its public entry, so the offline scanner can bundle it', () => {
    const { files, packages } = staticImportGraph(join(folder, 'index.ts'));
    expect(files).toContain('src/core/passes/pass-verify.ts');
    expect(files.filter((file) => !file.startsWith('src/core/passes/')).sort()).toEqual([
      'src/platform/errors/app-error.ts',
      'src/platform/errors/define-errors.ts',
      'src/platform/errors/index.ts',
      'src/platform/errors/platform-errors.ts',
      'src/platform/ids/browser.ts',
    ]);
    expect(packages).toEqual(new Set(['@noble/ed25519', '@noble/hashes/sha2.js', '@noble/hashes/utils.js']));
  });
});
