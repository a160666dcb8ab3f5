import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idempotencyKeyOf, idempotent } from '../../core/idempotency/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { createMeter, getMeterRow, setMeterStatus } from './meters.ts';
import {
  consumptionSchema,
  createdMeterSchema,
  idParams,
  meterSchema,
  meterStatusChangeSchema,
  newMeterSchema,
  tokenCheckSchema,
  toMeterJson,
  typedTokenSchema,
} from './prepaid.contract.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import { meterConsumption } from './readings.ts';
import { checkTypedToken } from './token-check.ts';

const op = routeOptions(['prepaid']);

/** Meters: register (with their OpenPAYGO key), read, change status, use and typed-token checks. */
export const meterRoutes =
  (rt: PrepaidRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const manage = { permission: 'prepaid.meter.manage' };
    app.post(
      '/api/prepaid/meters',
      op(
        { ...manage, refuses: [404, 409, 422] },
        'Register a meter; a key left empty is generated and shown in this answer only (openPaygoKey), then sealed and never shown again',
        { body: newMeterSchema, response: { 201: createdMeterSchema } },
      ),
      async (req, reply) => {
        // The stored answer (Idempotency-Key) never holds the generated key: a replay answers without it.
        let generatedKey: string | null = null;
        const result = await idempotent(
          req.ctx,
          {
            scope: 'prepaid.meter.create',
            key: idempotencyKeyOf(req.headers),
            request: { ...req.body, openPaygoKey: req.body.openPaygoKey ? 'set' : undefined },
          },
          async (tx) => {
            const meter = await createMeter(tx, rt.secretKey, req.body);
            generatedKey = meter.generatedKey;
            return { status: 201, body: toMeterJson(meter) };
          },
        );
        const once = !result.replayed && generatedKey ? { openPaygoKey: generatedKey } : {};
        return reply
          .status(201)
          .header('cache-control', 'no-store')
          .send({ ...result.body, ...once });
      },
    );
    app.get(
      '/api/prepaid/meters/:id',
      op('prepaid.meter.read', 'One meter', { params: idParams, response: { 200: meterSchema } }),
      async (req) => toMeterJson(await getMeterRow(req.ctx, req.params.id)),
    );
    app.post(
      '/api/prepaid/meters/:id/status',
      op(
        { ...manage, refuses: [404, 409] },
        'Activate, deactivate or suspend a meter (audited with the reason)',
        { params: idParams, body: meterStatusChangeSchema, response: { 200: meterSchema } },
      ),
      async (req) =>
        toMeterJson(await setMeterStatus(req.ctx, req.params.id, req.body.status, req.body.reason)),
    );
    app.get(
      '/api/prepaid/meters/:id/consumption',
      op(
        { permission: 'prepaid.meter.read', refuses: [404] },
        'Daily use, balance and days left from the last 30 days of readings',
        { params: idParams, response: { 200: consumptionSchema } },
      ),
      async (req) => meterConsumption(req.ctx, (await getMeterRow(req.ctx, req.params.id)).id),
    );
    app.post(
      '/api/prepaid/meters/:id/check-token',
      op(
        { permission: 'prepaid.token.check', refuses: [404] },
        'What the meter would do with a token a customer typed: found at any count it was issued, used or not by what the meter reported (changes nothing)',
        { params: idParams, body: typedTokenSchema, response: { 200: tokenCheckSchema } },
      ),
      async (req) => checkTypedToken(req.ctx, rt.secretKey, req.params.id, req.body.token),
    );
  };
