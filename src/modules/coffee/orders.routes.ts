import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeOptions } from '../../platform/http/index.ts';
import { idParams } from './coffee.contract.ts';
import type { CoffeeRuntime } from './coffee.runtime.ts';
import { refundOrder } from './orders.ts';

const op = routeOptions(['coffee']);

/** Orders made on the machines: a manual refund. */
export const orderRoutes =
  (rt: CoffeeRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/coffee/orders/:id/refund',
      op(
        { permission: 'coffee.order.refund', refuses: [404, 409] },
        'Refund a paid order with a reason; a retried refund refunds nothing more',
        {
          params: idParams,
          body: z.object({ reason: z.string().min(1).max(500) }),
          response: {
            200: z.object({
              id: z.string(),
              paymentStatus: z.string(),
              refundReason: z.string().nullable(),
              refundedNow: z.boolean(),
            }),
          },
        },
      ),
      async (req) => {
        const { order, refundedNow } = await refundOrder(req.ctx, rt, req.params.id, req.body.reason);
        return {
          id: order.id,
          paymentStatus: order.payment_status,
          refundReason: order.refund_reason,
          refundedNow,
        };
      },
    );
  };
