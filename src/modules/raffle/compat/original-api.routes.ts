import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { answerErrorsAsDrf, drfPage, routeOptions } from '../../../platform/http/index.ts';
import { listTickets } from '../availability.ts';
import { countOrders, getOrder, listOrders } from '../order-view.ts';
import { cancelOrder, confirmOrder } from '../orders.ts';
import type { RaffleRuntime } from '../raffle.runtime.ts';
import { getRaffle, listRaffles } from '../raffle-view.ts';
import {
  cancelAnswer,
  confirmBody,
  idParams,
  ORIGINAL_TICKET_STATUS,
  ordersQuery,
  originalAvailability,
  originalOrder,
  originalOrderPage,
  originalRaffle,
  originalRafflePage,
  originalTicket,
  rafflesQuery,
} from './original-api.contract.ts';
import { originalOrdersOf, originalRaffleOf } from './original-api-reads.ts';

const op = routeOptions(['raffle (original backoffice compatibility)']);
const PAGE_SIZE = 50;
const OUR_STATUS = {
  PENDING_PAYMENT: 'pending_payment',
  PAID: 'paid',
  CANCELLED: 'cancelled',
  EXPIRED: 'expired',
} as const;

/**
 * The original raffle backoffice's REST API (devpbeat/raffle-backoffice `apps/raffles/urls.py`),
 * so its scripts keep working: the same paths with their trailing slashes (and both spellings of
 * its actions, `confirm-payment/` as documented and `confirm_payment/` as DRF routed it), parameter
 * names, status spellings and DRF answers. Each route calls the use case of its native route under
 * the same permission. It took a DRF token or an admin session; here an API token
 * (`Authorization: Bearer …`) or a staff session.
 */
export const raffleOriginalRoutes =
  ({ jobs }: RaffleRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    answerErrorsAsDrf(app);
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
        const results = await Promise.all(shown.map((r) => originalRaffleOf(req.ctx, r)));
        return drfPage(req.url, page, PAGE_SIZE, all.length, results);
      },
    );
    app.get(
      '/api/raffles/:id/',
      op({ ...read, refuses: [404] }, 'One raffle', { params: idParams, response: { 200: originalRaffle } }),
      async (req) => originalRaffleOf(req.ctx, await getRaffle(req.ctx, req.params.id)),
    );
    app.get(
      '/api/raffles/:id/availability/',
      op({ ...read, refuses: [404] }, 'Ticket counts and the numbers still free', {
        params: idParams,
        response: { 200: originalAvailability },
      }),
      async (req) => {
        const raffle = await originalRaffleOf(req.ctx, await getRaffle(req.ctx, req.params.id));
        const free = await listTickets(req.ctx, req.params.id, { status: 'available', limit: 5000 });
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
      async (req) =>
        (await listTickets(req.ctx, req.params.id, { limit: 5000 })).map((t) => ({
          number: t.number,
          status: ORIGINAL_TICKET_STATUS[t.status],
          reserved_by_order: t.orderId,
          reserved_until: t.heldUntil,
        })),
    );

    app.get(
      '/api/orders/',
      op('raffle.order.read', 'Orders, newest first (filters `status`, `raffle`, `contact`)', {
        querystring: ordersQuery,
        response: { 200: originalOrderPage },
      }),
      async (req) => {
        const { page, status, raffle, contact } = req.query;
        const q = {
          ...(raffle ? { raffleId: raffle } : {}),
          ...(contact ? { buyerId: contact } : {}),
          ...(status ? { status: OUR_STATUS[status] } : {}),
        };
        const [orders, count] = await Promise.all([
          listOrders(req.ctx, { ...q, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
          countOrders(req.ctx, q),
        ]);
        return drfPage(req.url, page, PAGE_SIZE, count, await originalOrdersOf(req.ctx, orders));
      },
    );
    for (const path of ['/api/orders/pending-payment/', '/api/orders/pending_payment/'])
      app.get(
        path,
        op('raffle.order.read', 'Orders waiting for payment (hold not run out)', {
          response: { 200: z.array(originalOrder) },
        }),
        async (req) =>
          originalOrdersOf(req.ctx, await listOrders(req.ctx, { status: 'pending_payment', limit: 500 })),
      );
    app.get(
      '/api/orders/:id/',
      op({ permission: 'raffle.order.read', refuses: [404] }, 'One order', {
        params: idParams,
        response: { 200: originalOrder },
      }),
      async (req) => (await originalOrdersOf(req.ctx, [await getOrder(req.ctx, req.params.id)]))[0]!,
    );
    for (const path of ['/api/orders/:id/confirm-payment/', '/api/orders/:id/confirm_payment/'])
      app.post(
        path,
        op(
          { permission: 'raffle.order.confirm', refuses: [400, 404] },
          'Confirm payment (verifies the proof, or records cash), as the console does; 400 unless waiting for payment',
          { params: idParams, body: confirmBody, response: { 200: originalOrder } },
        ),
        async (req) => (await originalOrdersOf(req.ctx, [await confirmOrder(req.ctx, req.params.id)]))[0]!,
      );
    app.post(
      '/api/orders/:id/cancel/',
      op(
        { permission: 'raffle.order.cancel', refuses: [400, 404] },
        'Cancel an order waiting for payment and release its tickets',
        { params: idParams, response: { 200: cancelAnswer } },
      ),
      async (req) => {
        const { order, released } = await cancelOrder(req.ctx, { jobs, notify: true }, req.params.id);
        return {
          message: 'Order cancelled',
          released_tickets: released.length,
          order: (await originalOrdersOf(req.ctx, [order]))[0]!,
        };
      },
    );
  };
