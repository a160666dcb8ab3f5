import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getOrganization } from '../../../core/orgs/index.ts';
import { sql } from '../../../platform/db/index.ts';
import { routeOptions } from '../../../platform/http/index.ts';
import type { CoffeeRuntime } from '../coffee.runtime.ts';
import { queueCommand } from '../commands.ts';
import { devicesResource } from '../resources/devices.resource.ts';
import { merchantOf } from './original-ids.ts';
import { answers, ok } from './v1-envelope.ts';
import { deviceParams, tags, v1CommandSchema, v1DeviceListQuery } from './v1-staff.contract.ts';
import { deviceNamed, v1Device, v1DeviceOfItem, v1ListPage } from './v1-staff.views.ts';

const op = routeOptions(tags);

/** The original's machine paths: the list, one machine, its summary, and a command sent to it. */
export const v1StaffDeviceRoutes =
  (rt: CoffeeRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const devices = devicesResource(rt);

    app.get(
      '/api/v1/devices',
      op(
        { permission: 'coffee.device.read', refuses: [422] },
        'Machines, filtered and paged (page_size at most 100)',
        { querystring: v1DeviceListQuery, response: answers },
      ),
      async (req, reply) => {
        const q = req.query;
        const merchantId = q.merchant_id ? await merchantOf(req.ctx, q.merchant_id) : undefined;
        const filters = {
          ...(q.query ? { q: q.query } : {}),
          ...(merchantId ? { merchantId } : {}),
          ...(q.model ? { model: q.model } : {}),
          ...(q.status ? { status: q.status } : {}),
        };
        return ok(reply, await v1ListPage(req.ctx, devices, q, filters, v1DeviceOfItem));
      },
    );
    app.get(
      '/api/v1/devices/:deviceId',
      op({ permission: 'coffee.device.read', refuses: [404] }, 'One machine', {
        params: deviceParams,
        response: answers,
      }),
      async (req, reply) => ok(reply, v1Device(await deviceNamed(req.ctx, req.params.deviceId))),
    );
    app.get(
      '/api/v1/devices/:deviceId/summary',
      op(
        { permission: 'coffee.device.read', refuses: [404] },
        'One machine with its orders today and this week, open alarms and low bins',
        { params: deviceParams, response: answers },
      ),
      async (req, reply) => {
        const d = await deviceNamed(req.ctx, req.params.deviceId);
        const org = await getOrganization(req.ctx);
        const now = req.ctx.clock.now();
        const { rows } = await sql<{ today: number; week: number; alarms: number; low: number }>`
          select
            (select count(*)::int from coffee_order where device_id = ${d.id}
              and (ordered_at at time zone ${org.timeZone})::date = (${now}::timestamptz at time zone ${org.timeZone})::date) as today,
            (select count(*)::int from coffee_order where device_id = ${d.id}
              and ordered_at >= ${now}::timestamptz - interval '7 days') as week,
            (select count(*)::int from coffee_alarm where device_id = ${d.id} and status = 'open') as alarms,
            (select count(*)::int from coffee_bin where device_id = ${d.id} and remaining * 100 <= capacity * low_pct) as low`.execute(
          req.ctx.db,
        );
        const c = rows[0]!;
        return ok(reply, {
          device: v1Device(d),
          online_rate: d.status === 'online' ? 1 : 0,
          orders_today: c.today,
          orders_week: c.week,
          alarms_open: c.alarms,
          materials_low: c.low,
        });
      },
    );
    app.post(
      '/api/v1/devices/:deviceId/commands',
      op(
        { permission: 'coffee.command.send', refuses: [404, 409, 422] },
        'Queue a command for one machine (type, payload, max_attempts)',
        { params: deviceParams, body: v1CommandSchema, response: answers },
      ),
      async (req, reply) => {
        const d = await deviceNamed(req.ctx, req.params.deviceId);
        const b = req.body;
        const c = await queueCommand(req.ctx, rt, d.id, {
          type: b.type,
          params: b.payload ?? {},
          ...(b.max_attempts ? { maxAttempts: b.max_attempts } : {}),
        });
        return ok(reply, {
          command_id: c.id,
          device_id: d.serial,
          type: c.type,
          payload: typeof c.params === 'string' ? JSON.parse(c.params) : c.params,
          status: c.status,
          attempts: c.attempts,
          max_attempts: c.max_attempts,
          issued_at: c.created_at.toISOString(),
        });
      },
    );
  };
