import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotentCreate } from '../../core/idempotency/index.ts';
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

const tags = ['exhibition'];

/** Exhibitions: list and create them, their totals and the live dashboard. */
export const exhibitionsRoutes =
  (_rt: ExhibitionRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const manage = { permission: 'exhibition.exhibition.manage' };
    app.get(
      '/api/exhibition/exhibitions',
      {
        schema: { tags, summary: 'Exhibitions, latest first', response: { 200: z.array(exhibitionSchema) } },
        config: { permission: 'exhibition.exhibition.read' },
      },
      async (req) => (await listExhibitions(req.ctx)).map(toExhibitionJson),
    );
    app.post(
      '/api/exhibition/exhibitions',
      {
        schema: {
          tags,
          summary: 'Create an exhibition',
          body: newExhibitionSchema,
          response: { 201: exhibitionSchema },
        },
        config: { ...manage, refuses: [409, 422] },
      },
      async (req, reply) => {
        const body = await idempotentCreate(req, { scope: 'exhibition.create' }, async (tx) =>
          toExhibitionJson(await createExhibition(tx, req.body)),
        );
        return reply.status(201).send(body);
      },
    );
    app.get(
      '/api/exhibition/exhibitions/:id/totals',
      {
        schema: {
          tags,
          summary: 'Totals per booth and per day',
          params: idParams,
          response: { 200: totalsSchema },
        },
        config: { permission: 'exhibition.bill.read' },
      },
      async (req) => toTotalsJson(await exhibitionTotals(req.ctx, req.params.id)),
    );
    app.get(
      '/api/exhibition/exhibitions/:id/dashboard',
      {
        schema: {
          tags,
          summary: "Today's takings per booth and per hour, top customers, and the totals across booths",
          params: idParams,
          response: { 200: boothDashboardSchema },
        },
        config: { permission: 'exhibition.bill.read' },
      },
      async (req) => boothDashboard(req.ctx, req.params.id),
    );
  };
