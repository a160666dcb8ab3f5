import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/processes.ts';

// `opsdesk import <module> --from <source>` as an operator runs it (issue 42, item 1): the help names
// the sources and the modules that have an import (the runs themselves: src/modules/mess/__tests__/mess-import.int.test.ts).

// Each run boots the CLI in a fresh node process; on a loaded machine that alone can take 20 s.
const SLOW = 240_000;
const work = mkdtempSync(join(tmpdir(), 'opsdesk-cli-import-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

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

  it(
    'exits 2 on a file it recognises nothing in, naming the models the file holds (issue 51)',
    async () => {
      const file = join(work, 'other-system.json');
      writeFileSync(
        file,
        JSON.stringify([
          { model: 'raffles.raffle', pk: 1, fields: { title: 'Rifa' } },
          { model: 'raffles.ticketnumber', pk: 1, fields: { number: 7 } },
        ]),
      );
      const { code, output } = await runCli(['import', 'mess', '--from', file, '--dry-run'], {
        OPSDESK_MODULES: 'mess',
        OPSDESK_DATA_DIR: join(work, 'data'),
      });
      expect(code, output).toBe(2);
      expect(output).toMatch(/Nothing of mess was recognised in dumpdata other-system\.json/);
      expect(output).toContain('it holds raffles.raffle, raffles.ticketnumber');
    },
    SLOW,
  );
});
