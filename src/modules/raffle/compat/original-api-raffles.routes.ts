import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { drfPage, routeOptions } from '../../../platform/http/index.ts';
import { listTickets } from '../availability.ts';
import { getRaffle, listRaffles } from '../raffle-view.ts';
import {
  idParams,
  ORIGINAL_TICKET_STATUS,
  originalAvailability,
  originalRaffle,
  originalRafflePage,
  originalTicket,
  ORIGINAL_PAGE_SIZE as PAGE_SIZE,
  rafflesQuery,
} from './original-api.contract.ts';
import { originalRaffleOf, originalRafflesOf } from './original-api-reads.ts';
import { raffleIdOf } from './original-ids.ts';

const op = routeOptions(['raffle (original backoffice compatibility)']);

/** The original API's raffles: the list, one raffle, its availability and its tickets. */
export const originalRaffleRoutes: FastifyPluginAsyncZod = async (app) => {
  const read = { permission: 'raffle.raffle.read' };

  app.get(
    '/api/raffles/',
    op(read, 'Raffles, newest first (`is_active=true`: selling now)', {
      querystring: rafflesQuery,
      response: { 200: originalRafflePage },
    }),
    async (req) => {
      const { page, is_active } = req.query;
      const active = is_active === undefined ? undefined : ['true', 'True', '1'].includes(is_active);
      const all = (await listRaffles(req.ctx, { limit: 1000 })).filter(
        (r) => active === undefined || (r.status === 'selling') === active,
      );
      const shown = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
      const results = await originalRafflesOf(req.ctx, shown);
      return drfPage(req.url, page, PAGE_SIZE, all.length, results);
    },
  );
  app.get(
    '/api/raffles/:id/',
    op({ ...read, refuses: [404] }, "One raffle (by its id here, or the original's for an imported one)", {
      params: idParams,
      response: { 200: originalRaffle },
    }),
    async (req) =>
      originalRaffleOf(req.ctx, await getRaffle(req.ctx, await raffleIdOf(req.ctx, req.params.id))),
  );
  app.get(
    '/api/raffles/:id/availability/',
    op({ ...read, refuses: [404] }, 'Ticket counts and the numbers still free', {
      params: idParams,
      response: { 200: originalAvailability },
    }),
    async (req) => {
      const id = await raffleIdOf(req.ctx, req.params.id);
      const raffle = await originalRaffleOf(req.ctx, await getRaffle(req.ctx, id));
      const free = await listTickets(req.ctx, id, { status: 'available', limit: 5000 });
      return {
        raffle_id: raffle.id,
        total_tickets: raffle.total_tickets,
        available_count: raffle.available_count,
        sold_count: raffle.sold_count,
        reserved_count: raffle.reserved_count,
        available_numbers: free.map((t) => t.number),
      };
    },
  );
  app.get(
    '/api/raffles/:id/tickets/',
    op({ permission: 'raffle.ticket.read', refuses: [404] }, 'Every ticket with its status', {
      params: idParams,
      response: { 200: z.array(originalTicket) },
    }),
    async (req) => {
      const id = await raffleIdOf(req.ctx, req.params.id);
      const raffle = await originalRaffleOf(req.ctx, await getRaffle(req.ctx, id));
      return (await listTickets(req.ctx, id, { limit: 5000 })).map((t) => ({
        id: `${id}#${t.number}`,
        number: t.number,
        status: ORIGINAL_TICKET_STATUS[t.status],
        reserved_by_order: t.orderId,
        reserved_until: t.heldUntil,
        created_at: raffle.created_at,
        updated_at: raffle.updated_at,
      }));
    },
  );
};
