import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type CurrencyCode, currencyExponent } from '../../../core/money/index.ts';
import { routeOptions } from '../../../platform/http/index.ts';
import type { CoffeeRuntime } from '../coffee.runtime.ts';
import { refundOrder } from '../orders.ts';
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
        { permission: 'coffee.order.refund', refuses: [400, 404, 422] },
        'Refund a paid order (reason, note); a refunded one answers already_refunded',
        { params: orderParams, body: v1RefundSchema, response: answers },
      ),
      async (req, reply) => {
        const o = await orderNamed(req.ctx, req.params.orderId);
        const { reason, note } = req.body;
        const { order, refundedNow } = await refundOrder(
          req.ctx,
          rt,
          o.id,
          note ? `${reason} (${note})` : reason,
        );
        return ok(reply, {
          order_id: o.device_order_id,
          payment_status: order.payment_status,
          ...(refundedNow
            ? {
                refund: {
                  reason,
                  note: note ?? null,
                  processed_by: req.auth?.label ?? null,
                  processed_at: order.refunded_at?.toISOString() ?? null,
                  type: 'manual',
                },
              }
            : { message: 'already_refunded' }),
        });
      },
    );
  };
