import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../core/context/index.ts';
import { idempotentCreate } from '../../core/idempotency/index.ts';
import { availability, listTickets, ticketGrid } from './availability.ts';
import { drawRaffle, publicDraw, raffleOrgOf } from './draw.ts';
import { drawPageLanguage, renderDrawPage } from './draw-page.ts';
import { orderDeliveries, outlookDepsOf } from './order-deliveries.ts';
import { toDeliveryJson } from './order-delivery.contract.ts';
import { getOrder, listOrders } from './order-view.ts';
import { cancelOrder, confirmOrder, denyOrderProof } from './orders.ts';
import {
  availabilitySchema,
  cancelledOrderSchema,
  gridSchema,
  idParams,
  newRaffleSchema,
  orderQuery,
  orderSchema,
  publicDrawSchema,
  raffleSchema,
  reserveBody,
  ticketSchema,
  toOrderJson,
  toRaffleJson,
} from './raffle.contract.ts';
import { RaffleErrors } from './raffle.errors.ts';
import type { RaffleTemplate } from './raffle.notifications.ts';
import type { RaffleRuntime } from './raffle.runtime.ts';
import { getRaffle, listRaffles } from './raffle-view.ts';
import { closeRaffle, createRaffle, deleteDraftRaffle, startSelling } from './raffles.ts';
import { reserveTicketsForCaller } from './reservations.ts';

const tags = ['raffle'];

/** Where the buyer's messages about an order stand: all of them, or those one action just queued. */
const deliveryOf = async (
  deps: RaffleRuntime['deps'],
  ctx: Ctx,
  orderId: string,
  caused?: { template: RaffleTemplate; since: Date },
) => (await orderDeliveries(ctx, outlookDepsOf(deps), orderId, caused)).map(toDeliveryJson);

/** The raffle REST API (staff) and the public draw page. Handlers: validate → one use case → reply. */
export const raffleRoutes =
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
      async (req) => toRaffleJson(await drawRaffle(req.ctx, req.params.id, deps)),
    );
    app.get(
      '/api/raffle/raffles/:id/availability',
      {
        schema: {
          tags,
          summary: 'Ticket counts by status',
          params: idParams,
          response: { 200: availabilitySchema },
        },
        config: read,
      },
      async (req) => availability(req.ctx, req.params.id),
    );
    app.get(
      '/api/raffle/raffles/:id/tickets',
      {
        schema: {
          tags,
          summary: 'Tickets in number order',
          params: idParams,
          querystring: z.object({
            status: ticketSchema.shape.status.optional(),
            limit: z.coerce.number().int().min(1).max(5000).optional(),
            offset: z.coerce.number().int().min(0).optional(),
          }),
          response: { 200: z.array(ticketSchema) },
        },
        config: { permission: 'raffle.ticket.read' },
      },
      async (req) => listTickets(req.ctx, req.params.id, req.query),
    );
    app.get(
      '/api/raffle/raffles/:id/tickets/grid',
      {
        schema: {
          tags,
          summary: 'Compact status per number, for the console grid',
          params: idParams,
          response: { 200: gridSchema },
        },
        config: { permission: 'raffle.ticket.read' },
      },
      async (req) => ticketGrid(req.ctx, req.params.id),
    );
    app.post(
      '/api/raffle/raffles/:id/reservations',
      {
        schema: {
          tags,
          summary: 'Hold tickets for a buyer (staff taking an order by phone); accepts Idempotency-Key',
          params: idParams,
          body: reserveBody,
          response: { 201: orderSchema },
        },
        config: { permission: 'raffle.order.reserve', refuses: [409, 422] },
      },
      async (req, reply) => {
        const pick = req.body.numbers ? { numbers: req.body.numbers } : { random: req.body.random! };
        const body = await idempotentCreate(
          req,
          { scope: 'raffle.reserve', request: { ...req.body, raffleId: req.params.id } },
          async (tx, key) => {
            const { order } = await reserveTicketsForCaller(
              tx,
              {
                raffleId: req.params.id,
                waId: req.body.waId,
                displayName: req.body.name ?? null,
                pick,
                sourceKey: key ? `api:${key}` : null,
              },
              deps,
            );
            return toOrderJson(order);
          },
        );
        return reply.status(201).send(body);
      },
    );
    app.get(
      '/api/raffle/orders',
      {
        schema: {
          tags,
          summary: 'Orders, newest first, with filters',
          querystring: orderQuery,
          response: { 200: z.array(orderSchema) },
        },
        config: { permission: 'raffle.order.read' },
      },
      async (req) => (await listOrders(req.ctx, req.query)).map(toOrderJson),
    );
    app.get(
      '/api/raffle/orders/:id',
      {
        schema: {
          tags,
          summary: 'One order, with where each message to the buyer about it stands',
          params: idParams,
          response: { 200: orderSchema },
        },
        config: { permission: 'raffle.order.read' },
      },
      async (req) => ({
        ...toOrderJson(await getOrder(req.ctx, req.params.id)),
        delivery: await deliveryOf(deps, req.ctx, req.params.id),
      }),
    );
    app.post(
      '/api/raffle/orders/:id/confirm',
      {
        schema: {
          tags,
          summary:
            'Confirm payment (verifies the proof, or records cash); refused if the hold ran out. `delivery`: whether the confirmation can reach the buyer',
          params: idParams,
          response: { 200: orderSchema },
        },
        config: { permission: 'raffle.order.confirm', refuses: [409] },
      },
      async (req) => {
        const since = req.ctx.clock.now();
        const order = await confirmOrder(req.ctx, req.params.id);
        const caused = { template: 'raffle.order_paid' as const, since };
        return { ...toOrderJson(order), delivery: await deliveryOf(deps, req.ctx, order.id, caused) };
      },
    );
    app.post(
      '/api/raffle/orders/:id/deny',
      {
        schema: {
          tags,
          summary: 'Reject the proof of payment; `delivery`: whether the buyer can be told why',
          params: idParams,
          body: z.object({ reason: z.string().trim().min(1).max(500) }),
          response: { 200: orderSchema },
        },
        config: { permission: 'raffle.order.confirm', refuses: [409] },
      },
      async (req) => {
        const since = req.ctx.clock.now();
        const order = await denyOrderProof(req.ctx, req.params.id, req.body.reason);
        const caused = { template: 'raffle.proof_denied' as const, since };
        return { ...toOrderJson(order), delivery: await deliveryOf(deps, req.ctx, order.id, caused) };
      },
    );
    app.post(
      '/api/raffle/orders/:id/cancel',
      {
        schema: {
          tags,
          summary: 'Cancel an order waiting for payment and release its tickets',
          params: idParams,
          response: { 200: cancelledOrderSchema },
        },
        config: { permission: 'raffle.order.cancel', refuses: [409] },
      },
      async (req) => {
        const since = req.ctx.clock.now();
        const { order, released } = await cancelOrder(req.ctx, req.params.id, {
          jobs: deps.jobs,
          notify: true,
        });
        const caused = { template: 'raffle.order_cancelled' as const, since };
        return {
          order: { ...toOrderJson(order), delivery: await deliveryOf(deps, req.ctx, order.id, caused) },
          released,
        };
      },
    );

    app.get(
      '/public/raffles/:id/draw',
      {
        schema: {
          tags,
          summary: 'The verifiable draw: commitment, seed (after the draw), ledger, winners, algorithm',
          params: idParams,
          querystring: z.object({
            format: z.enum(['json', 'html']).optional(),
            lang: z
              .string()
              .max(35)
              .optional()
              .describe("the page's language (es, en); else Accept-Language"),
          }),
          response: { 200: publicDrawSchema.or(z.string()) },
        },
        config: { public: true },
      },
      async (req, reply) => {
        const orgId = await raffleOrgOf(deps.database.db, req.params.id);
        if (!orgId) throw RaffleErrors.raffle_not_found({ raffleId: req.params.id });
        const ctx = await req.actIn(orgId, { type: 'system', id: null, label: 'raffle.draw-page' });
        const draw = await publicDraw(ctx, req.params.id);
        if (!draw) throw RaffleErrors.raffle_not_found({ raffleId: req.params.id });
        const wantsHtml =
          req.query.format === 'html' ||
          (!req.query.format && (req.headers.accept ?? '').includes('text/html'));
        if (wantsHtml) {
          const lang = drawPageLanguage(req.query.lang, req.headers['accept-language']);
          return reply
            .type('text/html; charset=utf-8')
            .header('content-language', lang)
            .header('vary', 'Accept, Accept-Language')
            .send(renderDrawPage(draw, lang));
        }
        return draw;
      },
    );
  };
