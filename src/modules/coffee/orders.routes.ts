import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { callerKey, idempotentCreate } from '../../core/idempotency/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { idParams } from './coffee.contract.ts';
import type { CoffeeRuntime } from './coffee.runtime.ts';
import {
  type OrderRefundAnswerJson,
  orderRefundAnswerSchema,
  orderRefundBody,
  orderRefundStateSchema,
} from './order-refunds.contract.ts';
import { saleRefunded } from './order-refunds.ts';
import { orderRefundState, refundOrder } from './refund-order.ts';

const op = routeOptions(['coffee']);

/** Orders made on the machines: a manual refund, and what the order's page shows of its refunds. */
export const orderRoutes =
  (rt: CoffeeRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/coffee/orders/:id/refund',
      op(
        { permission: 'coffee.order.refund', refuses: [400, 404, 409] },
        'Refund a sold order, all that is left or a part (`amount`), with a reason, through core payments (above your limit it waits for a second person and the sale stays sold); a retry with the same Idempotency-Key answers the first refund',
        { params: idParams, body: orderRefundBody, response: { 200: orderRefundAnswerSchema } },
      ),
      (req) =>
        idempotentCreate(
          req,
          { scope: 'coffee.order.refund', request: { orderId: req.params.id, ...req.body }, status: 200 },
          async (tx, key): Promise<OrderRefundAnswerJson> => {
            const answer = await refundOrder(tx, rt, {
              orderId: req.params.id,
              reason: req.body.reason,
              amount: req.body.amount,
              idempotencyKey: callerKey(tx, key),
            });
            return {
              id: answer.order.id,
              paymentStatus: answer.order.payment_status,
              refundReason: answer.order.refund_reason,
              refundedNow: answer.refundedNow,
              refunded: saleRefunded(answer.order),
              refund: answer.refund && {
                id: answer.refund.id,
                status: answer.refund.status,
                amount: answer.refund.amount,
              },
            };
          },
        ),
    );

    app.get(
      '/api/coffee/orders/:id/refund',
      op(
        { permission: 'coffee.order.read', refuses: [404] },
        "A sale's refunds: whether it may be refunded, whether a refund waits for approval, each refund asked",
        { params: idParams, response: { 200: orderRefundStateSchema } },
      ),
      (req) => orderRefundState(req.ctx, req.params.id),
    );
  };
