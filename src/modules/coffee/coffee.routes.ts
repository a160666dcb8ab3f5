import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotentCreate } from '../../core/idempotency/index.ts';
import { updateAlarm } from './alarms.ts';
import { createBatch, getBatch, retryFailed } from './batches.ts';
import {
  alarmSchema,
  batchSchema,
  commandSchema,
  deviceSchema,
  idParams,
  newBatchSchema,
  newCommandSchema,
  newDeviceSchema,
  toAlarmJson,
  toCommandJson,
  toDeviceJson,
} from './coffee.contract.ts';
import type { CoffeeRuntime } from './coffee.runtime.ts';
import { queueCommand } from './commands.ts';
import { deviceActionRoutes } from './device-actions.routes.ts';
import { provisionDevice, revokeDeviceToken, rotateDeviceToken } from './device-tokens.ts';
import { fleetSummary, fleetSummaryQuery, fleetSummarySchema } from './fleet-summary.ts';
import { refundOrder } from './orders.ts';
import { registrationRoutes } from './registration.routes.ts';

const tags = ['coffee'];
const provisioned = deviceSchema.extend({ deviceToken: z.string() });

/** Staff API of the coffee fleet: provisioning, commands, batches, alarms, the dashboard summary. */
export const coffeeRoutes =
  (rt: CoffeeRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(registrationRoutes(rt));
    await app.register(deviceActionRoutes(rt));
    app.post(
      '/api/coffee/devices',
      {
        schema: {
          tags,
          summary: 'Provision a device; its token is in this answer only (stored hashed)',
          body: newDeviceSchema,
          response: { 201: provisioned },
        },
        config: { permission: 'coffee.device.manage', refuses: [404, 409, 422] },
      },
      // Not through the Idempotency-Key store: it would keep the token's plaintext in its stored
      // answer. The serial is the natural key: a retried provisioning answers 409, and staff
      // rotate the token (POST …/token) if the first answer was lost.
      async (req, reply) => {
        const { device, deviceToken } = await provisionDevice(req.ctx, req.body);
        return reply.status(201).send({ ...toDeviceJson(device), deviceToken });
      },
    );
    app.post(
      '/api/coffee/devices/:id/token',
      {
        schema: {
          tags,
          summary: 'Issue a new device token (the old one stops working); shown once',
          params: idParams,
          response: { 200: z.object({ id: z.string(), deviceToken: z.string() }) },
        },
        config: { permission: 'coffee.device.manage', refuses: [404, 409] },
      },
      async (req) => rotateDeviceToken(req.ctx, req.params.id),
    );
    app.delete(
      '/api/coffee/devices/:id/token',
      {
        schema: { tags, summary: "Revoke the device's token (its calls answer 401)", params: idParams },
        config: { permission: 'coffee.device.manage', refuses: [404] },
      },
      async (req, reply) => {
        await revokeDeviceToken(req.ctx, req.params.id);
        return reply.status(204).send();
      },
    );
    app.post(
      '/api/coffee/devices/:id/commands',
      {
        schema: {
          tags,
          summary: 'Queue a command for one device (behind its earlier ones)',
          params: idParams,
          body: newCommandSchema,
          response: { 201: commandSchema },
        },
        config: { permission: 'coffee.command.send', refuses: [404, 409, 422] },
      },
      async (req, reply) => {
        const body = await idempotentCreate(
          req,
          { scope: 'coffee.command.queue', request: { device: req.params.id, ...req.body } },
          async (tx) => toCommandJson(await queueCommand(rt, tx, req.params.id, req.body)),
        );
        return reply.status(201).send(body);
      },
    );
    app.post(
      '/api/coffee/batches',
      {
        schema: {
          tags,
          summary: 'Send one command to many devices (a list or a tag), with an abort threshold',
          body: newBatchSchema,
          response: { 201: z.object({ id: z.string() }) },
        },
        config: { permission: 'coffee.command.send', refuses: [422] },
      },
      async (req, reply) => {
        const body = await idempotentCreate(req, { scope: 'coffee.batch.create' }, async (tx) => ({
          id: (await createBatch(rt, tx, req.body)).id,
        }));
        return reply.status(201).send(body);
      },
    );
    const batchJson = async (ctx: Parameters<typeof getBatch>[0], id: string) => {
      const { batch, counts } = await getBatch(ctx, id);
      return {
        id: batch.id,
        status: batch.status,
        type: batch.type,
        ...counts,
        abortAtFailurePercent: batch.abort_at_failure_percent,
        createdAt: batch.created_at.toISOString(),
        finishedAt: batch.finished_at?.toISOString() ?? null,
      };
    };
    app.get(
      '/api/coffee/batches/:id',
      {
        schema: {
          tags,
          summary: 'A batch and its progress',
          params: idParams,
          response: { 200: batchSchema },
        },
        config: { permission: 'coffee.command.read', refuses: [404] },
      },
      async (req) => batchJson(req.ctx, req.params.id),
    );
    app.post(
      '/api/coffee/batches/:id/retry-failed',
      {
        schema: {
          tags,
          summary: "Send a finished batch's failed commands again",
          params: idParams,
          response: { 200: batchSchema },
        },
        config: { permission: 'coffee.command.send', refuses: [404, 409] },
      },
      async (req) => {
        await retryFailed(rt, req.ctx, req.params.id);
        return batchJson(req.ctx, req.params.id);
      },
    );
    for (const [action, to] of [
      ['acknowledge', 'ack'],
      ['close', 'closed'],
    ] as const) {
      app.post(
        `/api/coffee/alarms/:id/${action}`,
        {
          schema: {
            tags,
            summary: `${action === 'close' ? 'Close' : 'Acknowledge'} an alarm`,
            params: idParams,
            response: { 200: alarmSchema },
          },
          config: { permission: 'coffee.alarm.manage', refuses: [404, 409] },
        },
        async (req) => toAlarmJson(await updateAlarm(rt, req.ctx, req.params.id, to)),
      );
    }
    app.post(
      '/api/coffee/orders/:id/refund',
      {
        schema: {
          tags,
          summary: 'Refund a paid order with a reason; a retried refund refunds nothing more',
          params: idParams,
          body: z.object({ reason: z.string().min(1).max(500) }),
          response: {
            200: z.object({
              id: z.string(),
              paymentStatus: z.string(),
              refundReason: z.string().nullable(),
              refundedNow: z.boolean(),
            }),
          },
        },
        config: { permission: 'coffee.order.refund', refuses: [404, 409] },
      },
      async (req) => {
        const { order, refundedNow } = await refundOrder(rt, req.ctx, req.params.id, req.body.reason);
        return {
          id: order.id,
          paymentStatus: order.payment_status,
          refundReason: order.refund_reason,
          refundedNow,
        };
      },
    );
    app.get(
      '/api/coffee/summary',
      {
        schema: {
          tags,
          summary: 'Dashboard KPIs and trends of the fleet, or of one merchant, over chosen days',
          querystring: fleetSummaryQuery,
          response: { 200: fleetSummarySchema },
        },
        config: { permission: 'coffee.device.read' },
      },
      async (req) => fleetSummary(req.ctx, req.query),
    );
  };
