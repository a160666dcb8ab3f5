import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../core/context/index.ts';
import { rowsOf } from '../../core/resources/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { orderDeliveries, outlookDepsOf } from './order-deliveries.ts';
import { toDeliveryJson } from './order-delivery.contract.ts';
import { countOrders, getOrder, listOrders, type OrderView } from './order-view.ts';
import { cancelOrder, confirmOrder, denyOrderProof } from './orders.ts';
import {
  cancelledOrderSchema,
  idParams,
  orderPageSchema,
  orderQuery,
  orderSchema,
  toOrderJson,
} from './raffle.contract.ts';
import type { RaffleTemplate } from './raffle.notifications.ts';
import type { RaffleRuntime } from './raffle.runtime.ts';

const op = routeOptions(['raffle']);

/** An order as answered, with where the buyer's messages about it stand: all, or those one action just queued. */
const withDelivery = async (
  ctx: Ctx,
  deps: RaffleRuntime['deps'],
  order: OrderView,
  caused?: { template: RaffleTemplate; since: Date },
) => ({
  ...toOrderJson(order),
  delivery: (await orderDeliveries(ctx, outlookDepsOf(deps), order.id, caused)).map(toDeliveryJson),
});

/** Orders: list and read them, confirm or deny a payment, cancel. */
export const orderRoutes =
  ({ deps, jobs }: RaffleRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/raffle/orders',
      op('raffle.order.read', 'Orders, newest first, with filters', {
        querystring: orderQuery,
        response: { 200: orderPageSchema },
      }),
      async (req) => {
        const { page, perPage, ...filters } = req.query;
        const [orders, total] = await Promise.all([
          listOrders(req.ctx, { ...filters, ...rowsOf({ page, perPage }) }),
          countOrders(req.ctx, filters),
        ]);
        return { items: orders.map(toOrderJson), total, page, perPage };
      },
    );
    app.get(
      '/api/raffle/orders/:id',
      op('raffle.order.read', 'One order, with where each message to the buyer about it stands', {
        params: idParams,
        response: { 200: orderSchema },
      }),
      async (req) => withDelivery(req.ctx, deps, await getOrder(req.ctx, req.params.id)),
    );
    app.post(
      '/api/raffle/orders/:id/confirm',
      op(
        { permission: 'raffle.order.confirm', refuses: [409] },
        'Confirm payment (verifies the proof, or records cash); refused if the hold ran out. `delivery`: whether the confirmation can reach the buyer',
        { params: idParams, response: { 200: orderSchema } },
      ),
      async (req) => {
        const since = req.ctx.clock.now();
        const order = await confirmOrder(req.ctx, req.params.id);
        return withDelivery(req.ctx, deps, order, { template: 'raffle.order_paid', since });
      },
    );
    app.post(
      '/api/raffle/orders/:id/deny',
      op(
        { permission: 'raffle.order.confirm', refuses: [409] },
        'Reject the proof of payment; `delivery`: whether the buyer can be told why',
        {
          params: idParams,
          body: z.object({ reason: z.string().trim().min(1).max(500) }),
          response: { 200: orderSchema },
        },
      ),
      async (req) => {
        const since = req.ctx.clock.now();
        const order = await denyOrderProof(req.ctx, req.params.id, req.body.reason);
        return withDelivery(req.ctx, deps, order, { template: 'raffle.proof_denied', since });
      },
    );
    app.post(
      '/api/raffle/orders/:id/cancel',
      op(
        { permission: 'raffle.order.cancel', refuses: [409] },
        'Cancel an order waiting for payment and release its tickets',
        { params: idParams, response: { 200: cancelledOrderSchema } },
      ),
      async (req) => {
        const since = req.ctx.clock.now();
        const { order, released } = await cancelOrder(req.ctx, { jobs, notify: true }, req.params.id);
        return {
          order: await withDelivery(req.ctx, deps, order, { template: 'raffle.order_cancelled', since }),
          released,
        };
      },
    );
  };
