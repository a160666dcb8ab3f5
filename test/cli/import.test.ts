import { describe, expect, it } from 'vitest';
import { runCli } from '../support/processes.ts';

// `opsdesk import <module> --from <source>` as an operator runs it (issue 42, item 1): the help names
// the sources and the modules that have an import (the runs themselves: src/modules/mess/__tests__/mess-import.int.test.ts).

// Each run boots the CLI in a fresh node process; on a loaded machine that alone can take 20 s.
const SLOW = 240_000;

describe('opsdesk import', () => {
  it(
    '--help names the sources and the modules that have an import',
    async () => {
      const { code, output } = await runCli(['import', '--help'], { OPSDESK_MODULES: 'mess' });
      expect(code, output).toBe(0);
      expect(output).toContain('Django dumpdata JSON file');
      expect(output).toContain('PostgreSQL database by URL (postgres://…), read-only');
      expect(output).toContain('a folder of CSV files, one per model');
      expect(output).toMatch(/Modules:\n\s+mess/);
      expect(output).toContain('--dry-run');
      expect(output).toContain('--notify');
    },
    SLOW,
  );
});
