import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/processes.ts';

const VECTORS = new URL('../../src/modules/prepaid/openpaygo/test-tokens.jsonl', import.meta.url);
// Each run boots the CLI in a fresh node process; on a loaded machine that alone can take 20 s.
const SLOW = 90_000;
const dir = mkdtempSync(join(tmpdir(), 'opsdesk-openpaygo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('opsdesk openpaygo', () => {
  it(
    'generate --file prints one {"token", "new_count"} line per official vector, in order',
    async () => {
      const lines = readFileSync(VECTORS, 'utf8').trim().split('\n');
      // The CLI reads only the input fields: strip the expected answers before handing the file over.
      const input = lines.map((l) => {
        const { token: _t, new_count: _n, ...rest } = JSON.parse(l) as Record<string, unknown>;
        return JSON.stringify(rest);
      });
      const file = join(dir, 'vectors.jsonl');
      writeFileSync(file, `${input.join('\n')}\n`);
      const { code, output } = await runCli(['openpaygo', 'generate', '--file', file], {});
      expect(code).toBe(0);
      const expected = lines.map((l) => {
        const v = JSON.parse(l) as { token: string; new_count: number };
        return `{"token": "${v.token}", "new_count": ${v.new_count}}`;
      });
      expect(output.trim().split('\n')).toEqual(expected);
    },
    SLOW,
  );

  it(
    'decode accepts a fresh token once and answers already_used with its count marked used',
    async () => {
      const args = [
        'openpaygo',
        'decode',
        '--key',
        'bc41ec9530f6dac86b1a29ab82edc5fb',
        '--starting-code',
        '516959010',
      ];
      const first = await runCli([...args, '--count', '1', '--token', '588224011'], {});
      expect(first.code).toBe(0);
      expect(JSON.parse(first.output)).toEqual({
        status: 'valid',
        token_type: 'ADD_TIME',
        value: 1,
        count: 2,
        last_count: 2,
        used_counts: [2],
      });
      const again = await runCli([...args, '--count', '2', '--used-counts', '2', '--token', '588224011'], {});
      expect(JSON.parse(again.output)).toEqual({ status: 'already_used' });
    },
    SLOW,
  );

  it(
    'is a command of the prepaid module: absent while OPSDESK_MODULES leaves prepaid out',
    async () => {
      const { code, output } = await runCli(['openpaygo', 'generate', '--file', 'any.jsonl'], {
        OPSDESK_MODULES: 'mess',
      });
      expect(code).toBe(1);
      expect(output).toMatch(/unknown command 'openpaygo'/);
    },
    SLOW,
  );

  it(
    'names the bad line and exits 1',
    async () => {
      const file = join(dir, 'bad.jsonl');
      writeFileSync(
        file,
        '{"key": "00", "starting_code": 1, "count": 1, "token_type": "ADD_TIME", "value_raw": 1}\n',
      );
      const { code, output } = await runCli(['openpaygo', 'generate', '--file', file], {});
      expect(code).toBe(1);
      expect(output.trim()).toBe('opsdesk: line 1: key must be 32 hexadecimal characters');
    },
    SLOW,
  );
});
