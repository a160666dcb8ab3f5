import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idempotencyKeyOf, idempotent } from '../../../core/idempotency/index.ts';
import { DRF_PAGE_SIZE, drfPage, drfPageQuery, routeOptions } from '../../../platform/http/index.ts';
import { issueMeterToken } from '../meter-device-tokens.ts';
import { createMeter, getMeterRow, setMeterStatus, updateMeter } from '../meters.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import {
  deactivatedAnswer,
  deviceTokenAnswer,
  idParams,
  meterChangesBody,
  newMeterBody,
  OUR_METER_STATUS,
  originalMeter,
  originalMeterPage,
  tags,
} from './ingufupay.contract.ts';
import { meterPage, originalMeterOf } from './ingufupay-reads.ts';

const op = routeOptions(tags);

/**
 * The original's meter paths: the list and registering, one meter, its changes, DELETE (which only
 * deactivated it, as here) and the ESP32 device token. The use cases and permissions of the native
 * meter routes (`/api/prepaid/meters…`).
 */
export const ingufupayMeterRoutes =
  (rt: PrepaidRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const read = { permission: 'prepaid.meter.read' };
    const manage = { permission: 'prepaid.meter.manage' };
    app.get(
      '/api/meters/',
      op(read, 'Meters, newest first, 50 a page', {
        querystring: drfPageQuery,
        response: { 200: originalMeterPage },
      }),
      async (req) => {
        const { page } = req.query;
        const { rows, count } = await meterPage(req.ctx, DRF_PAGE_SIZE, (page - 1) * DRF_PAGE_SIZE);
        const results = await Promise.all(rows.map((m) => originalMeterOf(req.ctx, m)));
        return drfPage(req.url, page, DRF_PAGE_SIZE, count, results);
      },
    );
    app.post(
      '/api/meters/',
      op(
        { ...manage, refuses: [400, 404] },
        "Register a meter on an account (`owner`); its OpenPAYGO key is generated and printed on the meter's commissioning sheet",
        { body: newMeterBody, response: { 201: originalMeter } },
      ),
      async (req, reply) => {
        const { meter_number, owner, location, category } = req.body;
        const result = await idempotent(
          req.ctx,
          { scope: 'prepaid.meter.create', key: idempotencyKeyOf(req.headers), request: req.body },
          async (tx) => {
            const meter = await createMeter(tx, rt.secretKey, {
              accountId: owner,
              number: meter_number,
              ...(location === undefined ? {} : { location }),
              ...(category === undefined ? {} : { category }),
            });
            return { status: 201, body: await originalMeterOf(tx, meter) };
          },
        );
        return reply.status(201).send(result.body);
      },
    );
    app.get(
      '/api/meters/:id/',
      op({ ...read, refuses: [404] }, 'One meter', { params: idParams, response: { 200: originalMeter } }),
      async (req) => originalMeterOf(req.ctx, await getMeterRow(req.ctx, req.params.id)),
    );
    app.patch(
      '/api/meters/:id/',
      op(
        { ...manage, refuses: [400, 404] },
        'Change where a meter is, its category or its status (`disabled`: suspended)',
        { params: idParams, body: meterChangesBody, response: { 200: originalMeter } },
      ),
      async (req) => {
        const { id } = req.params;
        const { status, ...place } = req.body;
        if (Object.keys(place).length) await updateMeter(req.ctx, id, place);
        const before = await getMeterRow(req.ctx, id);
        if (status && OUR_METER_STATUS[status] !== before.status)
          await setMeterStatus(
            req.ctx,
            id,
            OUR_METER_STATUS[status],
            'IngufuPay API: PATCH /api/meters/{id}/',
          );
        return originalMeterOf(req.ctx, await getMeterRow(req.ctx, id));
      },
    );
    app.delete(
      '/api/meters/:id/',
      op({ ...manage, refuses: [404] }, 'Deactivate a meter (it is kept, as the original kept it)', {
        params: idParams,
        response: { 200: deactivatedAnswer },
      }),
      async (req) => {
        const meter = await getMeterRow(req.ctx, req.params.id);
        if (meter.status !== 'inactive')
          await setMeterStatus(req.ctx, meter.id, 'inactive', 'IngufuPay API: DELETE /api/meters/{id}/');
        return { detail: 'Meter deactivated successfully.' };
      },
    );
    app.post(
      '/api/meters/:id/generate-device-token/',
      op(
        { ...manage, refuses: [404] },
        "Issue the meter's device token (an earlier one stops working); shown once, stored hashed",
        { params: idParams, response: { 200: deviceTokenAnswer } },
      ),
      async (req, reply) => {
        const meter = await getMeterRow(req.ctx, req.params.id);
        const issued = await issueMeterToken(req.ctx, meter.id);
        return reply
          .header('cache-control', 'no-store')
          .send({ id: meter.id, meter_number: meter.number, device_token: issued.meterToken });
      },
    );
  };
