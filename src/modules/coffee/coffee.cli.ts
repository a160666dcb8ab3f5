import { z } from 'zod';
import type { ModuleCommand } from '../../core/modules/index.ts';
import type { CoffeeRuntime } from './coffee.runtime.ts';
import { simulateCoffeeFleet } from './simulator/simulate-command.ts';

const simulateOptions = z.object({
  url: z.string(),
  apiToken: z.string(),
  devices: z.coerce.number().int().min(1),
  failureRate: z.coerce.number().min(0).max(1),
  interval: z.coerce.number().positive(),
  prefix: z.string(),
  tag: z.string(),
});

/** `opsdesk coffee simulate`: simulated machines against a running server, through its HTTP API only. */
export const coffeeCommands: ReadonlyArray<ModuleCommand<CoffeeRuntime>> = [
  {
    name: 'coffee',
    description: 'Coffee fleet tools',
    commands: [
      {
        name: 'simulate',
        description: 'Run simulated coffee machines against a server (provisioned through the staff API)',
        options: [
          { flags: '--url <url>', description: 'the server, e.g. http://localhost:3000', required: true },
          {
            flags: '--api-token <token>',
            description: 'a staff API token with coffee.device.manage',
            required: true,
          },
          { flags: '--devices <n>', description: 'how many machines', default: '10' },
          {
            flags: '--failure-rate <0..1>',
            description: 'share of commands the machines fail',
            default: '0.1',
          },
          {
            flags: '--interval <seconds>',
            description: 'seconds between each machine’s heartbeats',
            default: '5',
          },
          {
            flags: '--prefix <serial>',
            description: 'serial prefix of the machines',
            default: `SIM-${Date.now().toString(36)}`,
          },
          {
            flags: '--tag <tag>',
            description: 'tag the machines carry (batches can target it)',
            default: 'simulated',
          },
        ],
        run: ({ options, print }) => {
          const o = simulateOptions.parse(options);
          return simulateCoffeeFleet({
            url: o.url,
            apiToken: o.apiToken,
            devices: o.devices,
            failureRate: o.failureRate,
            intervalSeconds: o.interval,
            prefix: o.prefix,
            tag: o.tag,
            log: print,
          });
        },
      },
    ],
  },
];
