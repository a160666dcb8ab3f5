import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { drfPage, routeOptions } from '../../../platform/http/index.ts';
import { countOrders, getOrder, listOrders } from '../order-view.ts';
import { cancelOrder, confirmOrder } from '../orders.ts';
import type { RaffleRuntime } from '../raffle.runtime.ts';
import {
  cancelAnswer,
  confirmBody,
  idParams,
  ordersQuery,
  originalOrder,
  originalOrderPage,
  ORIGINAL_PAGE_SIZE as PAGE_SIZE,
} from './original-api.contract.ts';
import { originalOrdersOf } from './original-api-reads.ts';
import { orderIdOf, ourId } from './original-ids.ts';

const op = routeOptions(['raffle (original backoffice compatibility)']);
const OUR_STATUS = {
  PENDING_PAYMENT: 'pending_payment',
  PAID: 'paid',
  CANCELLED: 'cancelled',
  EXPIRED: 'expired',
} as const;

/** The original API's orders: the list, those waiting for payment, one order, confirm and cancel. */
export const originalOrderRoutes =
  ({ jobs }: RaffleRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/orders/',
      op('raffle.order.read', 'Orders, newest first (filters `status`, `raffle`, `contact`)', {
        querystring: ordersQuery,
        response: { 200: originalOrderPage },
      }),
      async (req) => {
        const { page, status } = req.query;
        // The original's ids of what the import brought are read too; one it never brought finds nothing.
        const nothing = '00000000-0000-0000-0000-000000000000';
        const raffle = req.query.raffle && ((await ourId(req.ctx, 'raffle', req.query.raffle)) ?? nothing);
        const contact =
          req.query.contact && ((await ourId(req.ctx, 'contact', req.query.contact)) ?? nothing);
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
      async (req) =>
        (
          await originalOrdersOf(req.ctx, [await getOrder(req.ctx, await orderIdOf(req.ctx, req.params.id))])
        )[0]!,
    );
    for (const path of ['/api/orders/:id/confirm-payment/', '/api/orders/:id/confirm_payment/'])
      app.post(
        path,
        op(
          { permission: 'raffle.order.confirm', refuses: [400, 404] },
          'Confirm payment (verifies the proof, or records cash), as the console does; 400 unless waiting for payment',
          { params: idParams, body: confirmBody, response: { 200: originalOrder } },
        ),
        async (req) =>
          (
            await originalOrdersOf(req.ctx, [
              await confirmOrder(req.ctx, await orderIdOf(req.ctx, req.params.id)),
            ])
          )[0]!,
      );
    app.post(
      '/api/orders/:id/cancel/',
      op(
        { permission: 'raffle.order.cancel', refuses: [400, 404] },
        'Cancel an order waiting for payment and release its tickets',
        { params: idParams, response: { 200: cancelAnswer } },
      ),
      async (req) => {
        const id = await orderIdOf(req.ctx, req.params.id);
        const { order, released } = await cancelOrder(req.ctx, { jobs, notify: true }, id);
        return {
          message: 'Order cancelled',
          released_tickets: released.length,
          order: (await originalOrdersOf(req.ctx, [order]))[0]!,
        };
      },
    );
  };
