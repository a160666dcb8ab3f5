import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendCreated } from '../../core/idempotency/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import {
  commandSchema,
  deviceSchema,
  idParams,
  newCommandSchema,
  newDeviceSchema,
  toCommandJson,
  toDeviceJson,
} from './coffee.contract.ts';
import type { CoffeeRuntime } from './coffee.runtime.ts';
import { queueCommand } from './commands.ts';
import { provisionDevice, revokeDeviceToken, rotateDeviceToken } from './device-tokens.ts';

const op = routeOptions(['coffee']);
const provisioned = deviceSchema.extend({ deviceToken: z.string() });

/** Machines: provision one with its token, rotate or revoke the token, queue a command. */
export const deviceRoutes =
  (rt: CoffeeRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/coffee/devices',
      op(
        { permission: 'coffee.device.manage', refuses: [404, 409, 422] },
        'Provision a device; its token is in this answer only (stored hashed)',
        { body: newDeviceSchema, response: { 201: provisioned } },
      ),
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
      op(
        { permission: 'coffee.device.manage', refuses: [404, 409] },
        'Issue a new device token (the old one stops working); shown once',
        { params: idParams, response: { 200: z.object({ id: z.string(), deviceToken: z.string() }) } },
      ),
      async (req) => rotateDeviceToken(req.ctx, req.params.id),
    );
    app.delete(
      '/api/coffee/devices/:id/token',
      op(
        { permission: 'coffee.device.manage', refuses: [404] },
        "Revoke the device's token (its calls answer 401)",
        { params: idParams },
      ),
      async (req, reply) => {
        await revokeDeviceToken(req.ctx, req.params.id);
        return reply.status(204).send();
      },
    );
    app.post(
      '/api/coffee/devices/:id/commands',
      op(
        { permission: 'coffee.command.send', refuses: [404, 409, 422] },
        'Queue a command for one device (behind its earlier ones)',
        { params: idParams, body: newCommandSchema, response: { 201: commandSchema } },
      ),
      async (req, reply) =>
        sendCreated(
          req,
          reply,
          { scope: 'coffee.command.queue', request: { device: req.params.id, ...req.body } },
          async (tx) => toCommandJson(await queueCommand(tx, rt, req.params.id, req.body)),
        ),
    );
  };
