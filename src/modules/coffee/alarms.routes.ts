import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { routeOptions } from '../../platform/http/index.ts';
import { updateAlarm } from './alarms.ts';
import { alarmSchema, idParams, toAlarmJson } from './coffee.contract.ts';
import type { CoffeeRuntime } from './coffee.runtime.ts';

const op = routeOptions(['coffee']);

/** Alarms: acknowledge or close one. */
export const alarmRoutes =
  (rt: CoffeeRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    for (const [action, to] of [
      ['acknowledge', 'ack'],
      ['close', 'closed'],
    ] as const) {
      app.post(
        `/api/coffee/alarms/:id/${action}`,
        op(
          { permission: 'coffee.alarm.manage', refuses: [404, 409] },
          `${action === 'close' ? 'Close' : 'Acknowledge'} an alarm`,
          { params: idParams, response: { 200: alarmSchema } },
        ),
        async (req) => toAlarmJson(await updateAlarm(req.ctx, rt, req.params.id, to)),
      );
    }
  };
