import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { callerKey, idempotentCreate } from '../../../core/idempotency/index.ts';
import { type CurrencyCode, currencyExponent } from '../../../core/money/index.ts';
import { routeOptions } from '../../../platform/http/index.ts';
import type { CoffeeRuntime } from '../coffee.runtime.ts';
import { type OrderRefundAnswer, refundOrder } from '../refund-order.ts';
import { ordersResource } from '../resources/orders.resource.ts';
import { answers, ok, v1Page } from './v1-envelope.ts';
import {
  major,
  orderParams,
  ourPaymentMethod,
  tags,
  v1OrderListQuery,
  v1RefundSchema,
} from './v1-staff.contract.ts';
import { deviceNamed, itemsOf, orderNamed, v1ListPage, v1Order, v1OrderOfItem } from './v1-staff.views.ts';

const op = routeOptions(tags);

/** The original's order paths: the list, one order, and a manual refund. */
export const v1StaffOrderRoutes =
  (rt: CoffeeRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const orders = ordersResource(rt);

    app.get(
      '/api/v1/orders',
      op(
        { permission: 'coffee.order.read', refuses: [422] },
        'Orders, newest first, filtered and paged (page_size at most 100)',
        { querystring: v1OrderListQuery, response: answers },
      ),
      async (req, reply) => {
        const q = req.query;
        const device = q.device_id ? await deviceNamed(req.ctx, q.device_id).catch(() => null) : undefined;
        if (device === null) return ok(reply, v1Page([], 0, q.page, q.page_size));
        const filters = {
          ...(q.from ? { orderedAt_gte: q.from } : {}),
          ...(q.to ? { orderedAt_lte: q.to } : {}),
          ...(device ? { deviceId: device.id } : {}),
          ...(q.payment_method ? { paymentMethod: ourPaymentMethod(q.payment_method) } : {}),
        };
        return ok(reply, await v1ListPage(req.ctx, orders, q, filters, v1OrderOfItem));
      },
    );
    app.get(
      '/api/v1/orders/:orderId',
      op({ permission: 'coffee.order.read', refuses: [404] }, 'One order with its items', {
        params: orderParams,
        response: answers,
      }),
      async (req, reply) => {
        const o = await orderNamed(req.ctx, req.params.orderId);
        return ok(reply, {
          order: v1Order(o),
          items: itemsOf(o).map((i) => ({
            name: i.name,
            qty: i.qty,
            unit_price: major(i.unitPriceMinor, currencyExponent(o.currency as CurrencyCode)),
          })),
        });
      },
    );
    app.post(
      '/api/v1/orders/:orderId/manual_refund',
      op(
        { permission: 'coffee.order.refund', refuses: [400, 404, 409, 422] },
        'Refund a paid order (reason, note); a refunded one answers already_refunded, one above your limit refund_awaiting_approval (Idempotency-Key)',
        { params: orderParams, body: v1RefundSchema, response: answers },
      ),
      async (req, reply) => {
        const o = await orderNamed(req.ctx, req.params.orderId);
        const { reason, note } = req.body;
        const data = await idempotentCreate(
          req,
          { scope: 'coffee.v1.manual_refund', request: { orderId: o.id, reason, note }, status: 200 },
          async (tx, key) => {
            const answer = await refundOrder(tx, rt, {
              orderId: o.id,
              reason: note ? `${reason} (${note})` : reason,
              idempotencyKey: callerKey(tx, key),
            });
            return v1RefundAnswer(o.device_order_id, answer, { reason, note, by: req.auth?.label });
          },
        );
        return ok(reply, data);
      },
    );
  };

/**
 * The original's answer to a manual refund: the refund when this ask refunded the order, one that
 * waits for a second person (the order stays paid), or `already_refunded`.
 */
function v1RefundAnswer(
  orderId: string,
  { order, refund, refundedNow }: OrderRefundAnswer,
  asked: { reason: string; note?: string; by?: string },
) {
  const waiting = refund?.status === 'awaiting_approval';
  const made = refundedNow || waiting;
  return {
    order_id: orderId,
    payment_status: order.payment_status,
    ...(made
      ? {
          refund: {
            reason: asked.reason,
            note: asked.note ?? null,
            processed_by: asked.by ?? null,
            processed_at: refundedNow ? (order.refunded_at?.toISOString() ?? null) : null,
            type: 'manual',
            status: refund?.status ?? 'succeeded',
          },
        }
      : {}),
    ...(waiting ? { message: 'refund_awaiting_approval' } : made ? {} : { message: 'already_refunded' }),
  };
}
