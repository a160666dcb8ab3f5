import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotentCreate } from '../../core/idempotency/index.ts';
import { billRoutes } from './bills.routes.ts';
import { exhibitionTotals } from './bills.ts';
import { boothDashboard } from './booth-dashboard.ts';
import { assignBoothStaff } from './booth-staff.ts';
import { customerRoutes } from './customers.routes.ts';
import { emailRunRoutes } from './email-runs.routes.ts';
import {
  boothDashboardSchema,
  boothSchema,
  exhibitionSchema,
  idParams,
  newBoothSchema,
  newExhibitionSchema,
  toBoothJson,
  toExhibitionJson,
  toTotalsJson,
  totalsSchema,
} from './exhibition.contract.ts';
import type { ExhibitionRuntime } from './exhibition.runtime.ts';
import { exhibitionSetupRoutes } from './exhibition-setup.routes.ts';
import { createBooth, createExhibition, listBooths, listExhibitions } from './exhibitions.ts';

const tags = ['exhibition'];

/**
 * The exhibition REST API for the desk, the booths and the console: exhibitions and their booths
 * here, customers, bills and bulk e-mails in their own files. Handlers: validate → one use case → reply.
 */
export const exhibitionRoutes =
  (rt: ExhibitionRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const manage = { permission: 'exhibition.exhibition.manage' };
    const find = { permission: 'exhibition.customer.find' };
    await app.register(customerRoutes(rt));
    await app.register(billRoutes(rt));
    await app.register(emailRunRoutes(rt));
    await app.register(exhibitionSetupRoutes());

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
      '/api/exhibition/exhibitions/:id/booths',
      {
        schema: {
          tags,
          summary: 'Booths of an exhibition',
          params: idParams,
          response: { 200: z.array(boothSchema) },
        },
        config: find,
      },
      async (req) => (await listBooths(req.ctx, req.params.id)).map(toBoothJson),
    );
    app.post(
      '/api/exhibition/exhibitions/:id/booths',
      {
        schema: {
          tags,
          summary: 'Add a booth',
          params: idParams,
          body: newBoothSchema,
          response: { 201: boothSchema },
        },
        config: { ...manage, refuses: [409, 422] },
      },
      async (req, reply) => {
        const body = await idempotentCreate(
          req,
          { scope: 'exhibition.booth', request: [req.params.id, req.body] },
          async (tx) => toBoothJson(await createBooth(tx, req.params.id, req.body)),
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
    app.post(
      '/api/exhibition/booths/:id/staff',
      {
        schema: {
          tags,
          summary: 'Assign a staff member to a booth (booth staff bill only there)',
          params: idParams,
          body: z.object({ userId: z.string().uuid() }),
          response: { 204: z.null() },
        },
        config: { ...manage, refuses: [422] },
      },
      async (req, reply) => {
        await assignBoothStaff(req.ctx, req.params.id, req.body.userId);
        return reply.status(204).send(null);
      },
    );
  };
