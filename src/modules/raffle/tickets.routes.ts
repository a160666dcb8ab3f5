import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { phoneReaderOf } from '../../core/contacts/index.ts';
import { callerKey, sendCreated } from '../../core/idempotency/index.ts';
import { rowsOf } from '../../core/resources/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { availability, countTickets, listTickets, ticketGrid } from './availability.ts';
import {
  availabilitySchema,
  gridSchema,
  idParams,
  orderSchema,
  reserveBody,
  ticketPageSchema,
  ticketQuery,
  toOrderJson,
} from './raffle.contract.ts';
import type { RaffleRuntime } from './raffle.runtime.ts';
import { reserveTicketsForCaller } from './reservations.ts';

const op = routeOptions(['raffle']);

/** A raffle's tickets: what is free, the list and grid, and holding numbers for a buyer. */
export const ticketRoutes =
  (_rt: RaffleRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const read = { permission: 'raffle.raffle.read' };
    app.get(
      '/api/raffle/raffles/:id/availability',
      op(read, 'Ticket counts by status', { params: idParams, response: { 200: availabilitySchema } }),
      async (req) => availability(req.ctx, req.params.id),
    );
    app.get(
      '/api/raffle/raffles/:id/tickets',
      op('raffle.ticket.read', 'Tickets in number order', {
        params: idParams,
        querystring: ticketQuery,
        response: { 200: ticketPageSchema },
      }),
      async (req) => {
        const { page, perPage, status } = req.query;
        const [items, total] = await Promise.all([
          listTickets(req.ctx, req.params.id, { status, ...rowsOf({ page, perPage }) }),
          countTickets(req.ctx, req.params.id, status),
        ]);
        return { items, total, page, perPage };
      },
    );
    app.get(
      '/api/raffle/raffles/:id/tickets/grid',
      op('raffle.ticket.read', 'Compact status per number, for the console grid', {
        params: idParams,
        response: { 200: gridSchema },
      }),
      async (req) => ticketGrid(req.ctx, req.params.id),
    );
    app.post(
      '/api/raffle/raffles/:id/reservations',
      op(
        { permission: 'raffle.order.reserve', refuses: [409, 422] },
        'Hold tickets for a buyer (staff taking an order by phone); accepts Idempotency-Key',
        { params: idParams, body: reserveBody, response: { 201: orderSchema } },
      ),
      async (req, reply) => {
        const pick = req.body.numbers ? { numbers: req.body.numbers } : { random: req.body.random! };
        return sendCreated(
          req,
          reply,
          { scope: 'raffle.reserve', request: { ...req.body, raffleId: req.params.id } },
          async (tx, key) => {
            // A buyer's number typed locally (`0981 123-456`) is read in the seller's country; one that
            // reads as no number goes on as typed, for the WhatsApp id's own check.
            const phone = (await phoneReaderOf(tx)).readOrUndefined(req.body.waId);
            const { order } = await reserveTicketsForCaller(tx, {
              raffleId: req.params.id,
              waId: phone?.slice(1) ?? req.body.waId,
              displayName: req.body.name ?? null,
              pick,
              // the caller's own key: a colleague's same key holds their own order (issue 55 item 5)
              sourceKey: key ? `api:${callerKey(tx, key)}` : null,
            });
            return toOrderJson(order);
          },
        );
      },
    );
  };
