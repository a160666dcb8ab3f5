import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { staticImportGraph } from '../../../test/support/import-graph.ts';

const folder = dirname(fileURLToPath(import.meta.url));

describe('mess browser entry', () => {
  it('imports nothing Node-only and no database, so the offline scanner can bundle it', () => {
    const { files, packages } = staticImportGraph(join(folder, 'browser.ts'));
    expect(files).toContain('src/modules/mess/mess.rules.ts');
    expect(files.filter((f) => !f.startsWith('src/modules/mess/'))).toEqual([
      'src/core/time/index.ts',
      'src/core/time/local-time.ts',
    ]);
    expect(packages).toEqual(new Set(['zod']));
  });
});
