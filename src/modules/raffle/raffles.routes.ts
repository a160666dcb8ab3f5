import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendCreated } from '../../core/idempotency/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { drawRaffle } from './draw.ts';
import { idParams, newRaffleSchema, raffleSchema, toRaffleJson } from './raffle.contract.ts';
import type { RaffleRuntime } from './raffle.runtime.ts';
import { getRaffle, listRaffles } from './raffle-view.ts';
import { closeRaffle, createRaffle, deleteDraftRaffle, startSelling } from './raffles.ts';

const op = routeOptions(['raffle']);

/** Raffles: create, read, change a draft, start selling, close and draw. */
export const rafflesRoutes =
  ({ deps }: RaffleRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const read = { permission: 'raffle.raffle.read' };
    const manage = { permission: 'raffle.raffle.manage' };
    app.get(
      '/api/raffle/raffles',
      op(read, 'Raffles, newest first', {
        querystring: z.object({ status: raffleSchema.shape.status.optional() }),
        response: { 200: z.array(raffleSchema) },
      }),
      async (req) => (await listRaffles(req.ctx, { status: req.query.status })).map(toRaffleJson),
    );
    app.post(
      '/api/raffle/raffles',
      op({ ...manage, refuses: [409, 422] }, 'Create a raffle (draft); publishes the draw commitment', {
        body: newRaffleSchema,
        response: { 201: raffleSchema },
      }),
      async (req, reply) =>
        sendCreated(req, reply, { scope: 'raffle.create' }, async (tx) =>
          toRaffleJson(await createRaffle(tx, req.body)),
        ),
    );
    app.get(
      '/api/raffle/raffles/:id',
      op(read, 'One raffle', { params: idParams, response: { 200: raffleSchema } }),
      async (req) => toRaffleJson(await getRaffle(req.ctx, req.params.id)),
    );
    app.delete(
      '/api/raffle/raffles/:id',
      op(
        { ...manage, refuses: [409] },
        'Delete a draft raffle nobody ordered from (409 once it sells or has orders)',
        { params: idParams },
      ),
      async (req, reply) => {
        await deleteDraftRaffle(req.ctx, req.params.id);
        return reply.status(204).send();
      },
    );
    app.post(
      '/api/raffle/raffles/:id/start-selling',
      op({ ...manage, refuses: [409] }, 'Open sales; creates every ticket of the range', {
        params: idParams,
        response: { 200: raffleSchema },
      }),
      async (req) => toRaffleJson(await startSelling(req.ctx, req.params.id)),
    );
    app.post(
      '/api/raffle/raffles/:id/close',
      op({ ...manage, refuses: [409] }, 'Stop sales', { params: idParams, response: { 200: raffleSchema } }),
      async (req) => toRaffleJson(await closeRaffle(req.ctx, req.params.id)),
    );
    app.post(
      '/api/raffle/raffles/:id/draw',
      op(
        { permission: 'raffle.raffle.draw', refuses: [409] },
        'Draw the winners of a closed raffle (verifiable)',
        { params: idParams, response: { 200: raffleSchema } },
      ),
      async (req) => toRaffleJson(await drawRaffle(req.ctx, deps, req.params.id)),
    );
  };
