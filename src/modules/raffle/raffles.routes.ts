import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotentCreate } from '../../core/idempotency/index.ts';
import { drawRaffle } from './draw.ts';
import { idParams, newRaffleSchema, raffleSchema, toRaffleJson } from './raffle.contract.ts';
import type { RaffleRuntime } from './raffle.runtime.ts';
import { getRaffle, listRaffles } from './raffle-view.ts';
import { closeRaffle, createRaffle, deleteDraftRaffle, startSelling } from './raffles.ts';

const tags = ['raffle'];

/** Raffles: create, read, change a draft, start selling, close and draw. */
export const rafflesRoutes =
  ({ deps }: RaffleRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const read = { permission: 'raffle.raffle.read' };
    const manage = { permission: 'raffle.raffle.manage' };
    app.get(
      '/api/raffle/raffles',
      {
        schema: {
          tags,
          summary: 'Raffles, newest first',
          querystring: z.object({ status: raffleSchema.shape.status.optional() }),
          response: { 200: z.array(raffleSchema) },
        },
        config: read,
      },
      async (req) => (await listRaffles(req.ctx, { status: req.query.status })).map(toRaffleJson),
    );
    app.post(
      '/api/raffle/raffles',
      {
        schema: {
          tags,
          summary: 'Create a raffle (draft); publishes the draw commitment',
          body: newRaffleSchema,
          response: { 201: raffleSchema },
        },
        config: { ...manage, refuses: [409, 422] },
      },
      async (req, reply) => {
        const body = await idempotentCreate(req, { scope: 'raffle.create' }, async (tx) =>
          toRaffleJson(await createRaffle(tx, req.body)),
        );
        return reply.status(201).send(body);
      },
    );
    app.get(
      '/api/raffle/raffles/:id',
      {
        schema: { tags, summary: 'One raffle', params: idParams, response: { 200: raffleSchema } },
        config: read,
      },
      async (req) => toRaffleJson(await getRaffle(req.ctx, req.params.id)),
    );
    app.delete(
      '/api/raffle/raffles/:id',
      {
        schema: {
          tags,
          summary: 'Delete a draft raffle nobody ordered from (409 once it sells or has orders)',
          params: idParams,
        },
        config: { ...manage, refuses: [409] },
      },
      async (req, reply) => {
        await deleteDraftRaffle(req.ctx, req.params.id);
        return reply.status(204).send();
      },
    );
    app.post(
      '/api/raffle/raffles/:id/start-selling',
      {
        schema: {
          tags,
          summary: 'Open sales; creates every ticket of the range',
          params: idParams,
          response: { 200: raffleSchema },
        },
        config: { ...manage, refuses: [409] },
      },
      async (req) => toRaffleJson(await startSelling(req.ctx, req.params.id)),
    );
    app.post(
      '/api/raffle/raffles/:id/close',
      {
        schema: { tags, summary: 'Stop sales', params: idParams, response: { 200: raffleSchema } },
        config: { ...manage, refuses: [409] },
      },
      async (req) => toRaffleJson(await closeRaffle(req.ctx, req.params.id)),
    );
    app.post(
      '/api/raffle/raffles/:id/draw',
      {
        schema: {
          tags,
          summary: 'Draw the winners of a closed raffle (verifiable)',
          params: idParams,
          response: { 200: raffleSchema },
        },
        config: { permission: 'raffle.raffle.draw', refuses: [409] },
      },
      async (req) => toRaffleJson(await drawRaffle(req.ctx, deps, req.params.id)),
    );
  };
