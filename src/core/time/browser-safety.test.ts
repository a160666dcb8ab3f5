import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { staticImportGraph } from '../../../test/support/import-graph.ts';

const folder = dirname(fileURLToPath(import.meta.url));

describe('time capability in the browser', () => {
  it('imports nothing at all, so the offline scanner can bundle the rules that use it', () => {
    const { files, packages } = staticImportGraph(join(folder, 'index.ts'));
    expect(files.sort()).toEqual(['src/core/time/index.ts', 'src/core/time/local-time.ts']);
    expect(packages).toEqual(new Set());
  });
});
