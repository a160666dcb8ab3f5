import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { staticImportGraph } from '../../../test/support/import-graph.ts';

const folder = dirname(fileURLToPath(import.meta.url));

describe('csv capability in the browser', () => {
  it('imports nothing at all, so a console page that writes a CSV can bundle the rule', () => {
    const { files, packages } = staticImportGraph(join(folder, 'index.ts'));
    expect(files.sort()).toEqual(['src/core/csv/formula-cells.rules.ts', 'src/core/csv/index.ts']);
    expect(packages).toEqual(new Set());
  });
});
