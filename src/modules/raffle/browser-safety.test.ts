import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { staticImportGraph } from '../../../test/support/import-graph.ts';

const folder = dirname(fileURLToPath(import.meta.url));

describe('raffle browser entry', () => {
  it('imports nothing Node-only and no database, so the console can bundle it', () => {
    const { files, packages } = staticImportGraph(join(folder, 'browser.ts'));
    expect(files).toContain('src/modules/raffle/raffle.errors.catalog.ts');
    // The error messages name their table's type, which reaches the (browser-safe) platform errors.
    const outside = files.filter((f) => !f.startsWith('src/modules/raffle/'));
    expect(outside.every((f) => f.startsWith('src/platform/errors/'))).toBe(true);
    expect(packages).toEqual(new Set());
  });
});
