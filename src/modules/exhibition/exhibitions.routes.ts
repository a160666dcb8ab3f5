import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendCreated } from '../../core/idempotency/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { exhibitionTotals } from './bills.ts';
import { boothDashboard } from './booth-dashboard.ts';
import {
  boothDashboardSchema,
  exhibitionSchema,
  idParams,
  newExhibitionSchema,
  toExhibitionJson,
  toTotalsJson,
  totalsSchema,
} from './exhibition.contract.ts';
import type { ExhibitionRuntime } from './exhibition.runtime.ts';
import { createExhibition, listExhibitions } from './exhibitions.ts';

const op = routeOptions(['exhibition']);

/** Exhibitions: list and create them, their totals and the live dashboard. */
export const exhibitionsRoutes =
  (_rt: ExhibitionRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const manage = { permission: 'exhibition.exhibition.manage' };
    app.get(
      '/api/exhibition/exhibitions',
      op('exhibition.exhibition.read', 'Exhibitions, latest first', {
        response: { 200: z.array(exhibitionSchema) },
      }),
      async (req) => (await listExhibitions(req.ctx)).map(toExhibitionJson),
    );
    app.post(
      '/api/exhibition/exhibitions',
      op({ ...manage, refuses: [409, 422] }, 'Create an exhibition', {
        body: newExhibitionSchema,
        response: { 201: exhibitionSchema },
      }),
      async (req, reply) =>
        sendCreated(req, reply, { scope: 'exhibition.create' }, async (tx) =>
          toExhibitionJson(await createExhibition(tx, req.body)),
        ),
    );
    app.get(
      '/api/exhibition/exhibitions/:id/totals',
      op('exhibition.bill.read', 'Totals per booth and per day', {
        params: idParams,
        response: { 200: totalsSchema },
      }),
      async (req) => toTotalsJson(await exhibitionTotals(req.ctx, req.params.id)),
    );
    app.get(
      '/api/exhibition/exhibitions/:id/dashboard',
      op(
        'exhibition.bill.read',
        "Today's takings per booth and per hour, top customers, and the totals across booths",
        { params: idParams, response: { 200: boothDashboardSchema } },
      ),
      async (req) => boothDashboard(req.ctx, req.params.id),
    );
  };
