import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendCreated } from '../../core/idempotency/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { assignBoothStaff } from './booth-staff.ts';
import { boothSchema, idParams, newBoothSchema, toBoothJson } from './exhibition.contract.ts';
import type { ExhibitionRuntime } from './exhibition.runtime.ts';
import { createBooth, listBooths } from './exhibitions.ts';

const op = routeOptions(['exhibition']);

/** Booths of an exhibition, and who staffs them. */
export const boothRoutes =
  (_rt: ExhibitionRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const manage = { permission: 'exhibition.exhibition.manage' };
    const find = { permission: 'exhibition.customer.find' };
    app.get(
      '/api/exhibition/exhibitions/:id/booths',
      op(find, 'Booths of an exhibition', { params: idParams, response: { 200: z.array(boothSchema) } }),
      async (req) => (await listBooths(req.ctx, req.params.id)).map(toBoothJson),
    );
    app.post(
      '/api/exhibition/exhibitions/:id/booths',
      op({ ...manage, refuses: [409, 422] }, 'Add a booth', {
        params: idParams,
        body: newBoothSchema,
        response: { 201: boothSchema },
      }),
      async (req, reply) =>
        sendCreated(
          req,
          reply,
          { scope: 'exhibition.booth', request: [req.params.id, req.body] },
          async (tx) => toBoothJson(await createBooth(tx, req.params.id, req.body)),
        ),
    );
    app.post(
      '/api/exhibition/booths/:id/staff',
      op({ ...manage, refuses: [422] }, 'Assign a staff member to a booth (booth staff bill only there)', {
        params: idParams,
        body: z.object({ userId: z.string().uuid() }),
        response: { 204: z.null() },
      }),
      async (req, reply) => {
        await assignBoothStaff(req.ctx, req.params.id, req.body.userId);
        return reply.status(204).send(null);
      },
    );
  };
