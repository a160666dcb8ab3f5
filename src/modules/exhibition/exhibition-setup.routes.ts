import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeOptions } from '../../platform/http/index.ts';
import { boothStaffCandidates, listBoothStaff, unassignBoothStaff } from './booth-staff.ts';
import {
  boothSchema,
  boothStaffParams,
  boothStaffSchema,
  exhibitionChangesSchema,
  exhibitionSchema,
  idParams,
  newBoothSchema,
  toBoothJson,
  toExhibitionJson,
} from './exhibition.contract.ts';
import { closeExhibition, renameBooth, updateExhibition } from './exhibition-edits.ts';
import { getExhibition } from './exhibitions.ts';

const op = routeOptions(['exhibition']);

/** Setting an exhibition up and winding it down: edit, close, rename booths, who works at a booth. */
export const exhibitionSetupRoutes = (): FastifyPluginAsyncZod => async (app) => {
  const manage = { permission: 'exhibition.exhibition.manage' };
  app.get(
    '/api/exhibition/exhibitions/:id',
    op('exhibition.exhibition.read', 'One exhibition', {
      params: idParams,
      response: { 200: exhibitionSchema },
    }),
    async (req) => toExhibitionJson(await getExhibition(req.ctx, req.params.id)),
  );
  app.patch(
    '/api/exhibition/exhibitions/:id',
    op(
      { ...manage, refuses: [422] },
      "Edit an exhibition's name, venue, dates, time zone or bill confirmation limit (only the fields sent change)",
      { params: idParams, body: exhibitionChangesSchema, response: { 200: exhibitionSchema } },
    ),
    async (req) => toExhibitionJson(await updateExhibition(req.ctx, req.params.id, req.body)),
  );
  app.post(
    '/api/exhibition/exhibitions/:id/close',
    op(
      { ...manage, refuses: [409] },
      'Close an exhibition: no new bills or registrations from then on (a closed one answers 409)',
      { params: idParams, response: { 200: exhibitionSchema } },
    ),
    async (req) => toExhibitionJson(await closeExhibition(req.ctx, req.params.id)),
  );
  app.patch(
    '/api/exhibition/booths/:id',
    op(
      { ...manage, refuses: [409] },
      'Rename a booth (a name another booth of the exhibition has answers 409)',
      { params: idParams, body: newBoothSchema, response: { 200: boothSchema } },
    ),
    async (req) => toBoothJson(await renameBooth(req.ctx, req.params.id, req.body)),
  );
  app.get(
    '/api/exhibition/booths/:id/staff',
    op('exhibition.exhibition.read', 'The staff who bill at a booth (on the booth page)', {
      params: idParams,
      response: { 200: z.array(boothStaffSchema) },
    }),
    async (req) => listBoothStaff(req.ctx, req.params.id),
  );
  app.get(
    '/api/exhibition/booth-staff-candidates',
    op(manage, "The organization's active staff, who may be put at a booth", {
      response: { 200: z.array(boothStaffSchema) },
    }),
    async (req) => boothStaffCandidates(req.ctx),
  );
  app.delete(
    '/api/exhibition/booths/:id/staff/:userId',
    op(manage, 'Take a staff member off a booth (they may no longer bill there)', {
      params: boothStaffParams,
      response: { 204: z.null() },
    }),
    async (req, reply) => {
      await unassignBoothStaff(req.ctx, req.params.id, req.params.userId);
      return reply.status(204).send(null);
    },
  );
};
