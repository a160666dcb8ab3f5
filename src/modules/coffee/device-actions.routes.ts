import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeOptions } from '../../platform/http/index.ts';
import { idParams, machineCommandsSchema, machineOverviewSchema, toCommandJson } from './coffee.contract.ts';
import { CoffeeErrors } from './coffee.errors.ts';
import { COMMAND_TYPES, supportsCommand } from './coffee.rules.ts';
import type { CoffeeRuntime } from './coffee.runtime.ts';
import type { CoffeeTables } from './coffee.tables.ts';
import { retireDevice } from './device-retire.ts';
import { machineOverview } from './machine-overview.ts';

const op = routeOptions(['coffee']);

/** What the machine page offers: the commands its model runs, its latest commands, retiring it. */
export const deviceActionRoutes =
  (rt: CoffeeRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/coffee/devices/:id/commands',
      op(
        { permission: 'coffee.command.read', refuses: [404] },
        "The command types this machine's model runs and its latest 20 commands, newest first",
        {
          params: idParams,
          response: {
            200: machineCommandsSchema,
          },
        },
      ),
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
    app.get(
      '/api/coffee/devices/:id/overview',
      op(
        { permission: 'coffee.device.read', refuses: [404] },
        'A machine at a glance: its bins, its alarms not closed (most severe first), its latest sales and the products it makes',
        { params: idParams, response: { 200: machineOverviewSchema } },
      ),
      async (req) => machineOverview(req.ctx, req.params.id),
    );
    app.post(
      '/api/coffee/devices/:id/retire',
      op(
        { permission: 'coffee.device.manage', refuses: [404, 409] },
        'Retire a machine for good: its token stops working, unfinished commands are cancelled, open alarms close; its history stays',
        {
          params: idParams,
          response: {
            200: z.object({ id: z.string(), cancelledCommands: z.number(), closedAlarms: z.number() }),
          },
        },
      ),
      async (req) => retireDevice(req.ctx, rt, req.params.id),
    );
  };
