import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commandSchema, idParams, toCommandJson } from './coffee.contract.ts';
import { CoffeeErrors } from './coffee.errors.ts';
import { COMMAND_TYPES, supportsCommand } from './coffee.rules.ts';
import type { CoffeeRuntime } from './coffee.runtime.ts';
import type { CoffeeTables } from './coffee.tables.ts';
import { retireDevice } from './device-retire.ts';

const tags = ['coffee'];

/** What the machine page offers: the commands its model runs, its latest commands, retiring it. */
export const deviceActionRoutes =
  (rt: CoffeeRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/coffee/devices/:id/commands',
      {
        schema: {
          tags,
          summary: "The command types this machine's model runs and its latest 20 commands, newest first",
          params: idParams,
          response: {
            200: z.object({
              supported: z.array(z.enum(COMMAND_TYPES)),
              retiredAt: z.iso.datetime().nullable(),
              items: z.array(commandSchema.extend({ createdAt: z.iso.datetime() })),
            }),
          },
        },
        config: { permission: 'coffee.command.read', refuses: [404] },
      },
      async (req) => {
        const db = req.ctx.db.withTables<CoffeeTables>();
        const device = await db
          .selectFrom('coffee_device')
          .select(['model', 'retired_at'])
          .where('id', '=', req.params.id)
          .executeTakeFirst();
        if (!device) throw CoffeeErrors.device_not_found({ id: req.params.id });
        const items = await db
          .selectFrom('coffee_command')
          .selectAll()
          .where('device_id', '=', req.params.id)
          .orderBy('created_at', 'desc')
          .orderBy('seq', 'desc')
          .limit(20)
          .execute();
        return {
          supported: device.retired_at ? [] : COMMAND_TYPES.filter((t) => supportsCommand(device.model, t)),
          retiredAt: device.retired_at?.toISOString() ?? null,
          items: items.map((c) => ({ ...toCommandJson(c), createdAt: c.created_at.toISOString() })),
        };
      },
    );
    app.post(
      '/api/coffee/devices/:id/retire',
      {
        schema: {
          tags,
          summary:
            'Retire a machine for good: its token stops working, unfinished commands are cancelled, open alarms close; its history stays',
          params: idParams,
          response: {
            200: z.object({ id: z.string(), cancelledCommands: z.number(), closedAlarms: z.number() }),
          },
        },
        config: { permission: 'coffee.device.manage', refuses: [404, 409] },
      },
      async (req) => retireDevice(req.ctx, rt, req.params.id),
    );
  };
