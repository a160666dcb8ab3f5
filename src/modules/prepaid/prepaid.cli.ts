import { z } from 'zod';
import type { ModuleCommand } from '../../core/modules/index.ts';
import { decodeForSupport, generateTokenLines } from './openpaygo/index.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';

const decodeOptions = z.object({
  key: z.string(),
  startingCode: z.string(),
  count: z.string(),
  usedCounts: z.string().optional(),
  token: z.string(),
  restricted: z.boolean().optional(),
  extended: z.boolean().optional(),
});

/** `opsdesk openpaygo …`: support tools for OpenPAYGO tokens; they read files and flags, never the database. */
export const prepaidCommands: ReadonlyArray<ModuleCommand<PrepaidRuntime>> = [
  {
    name: 'openpaygo',
    description: 'OpenPAYGO Token tools (no database needed)',
    commands: [
      {
        name: 'generate',
        description: 'Generate tokens from a file in the official test format (one JSON object a line)',
        options: [
          {
            flags: '--file <file>',
            description: 'input file: key, starting_code, count, token_type, value_raw, ...',
            required: true,
          },
        ],
        run: ({ options, print }) => {
          const lines = generateTokenLines(String(options.file));
          if (lines.length) print(lines.join('\n'));
        },
      },
      {
        name: 'decode',
        description: 'Check a token a customer typed against a meter state, as the meter would',
        options: [
          {
            flags: '--key <hex>',
            description: "the meter's secret key (32 hexadecimal characters)",
            required: true,
          },
          { flags: '--starting-code <code>', description: "the meter's starting code", required: true },
          { flags: '--count <n>', description: "the meter's last accepted count", required: true },
          {
            flags: '--used-counts <list>',
            description: 'comma-separated counts already used (Add Time tokens)',
          },
          { flags: '--token <token>', description: 'the token as typed', required: true },
          { flags: '--restricted', description: 'the meter uses the restricted digit set (1-4)' },
          { flags: '--extended', description: 'the meter uses extended (12-digit) tokens' },
        ],
        run: ({ options, print }) => print(decodeForSupport(decodeOptions.parse(options))),
      },
    ],
  },
];
