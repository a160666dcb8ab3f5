import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { routeOptions } from '../../platform/http/index.ts';
import { rowsOf } from '../resources/index.ts';
import { getPayment } from './get-payment.ts';
import { listPayments } from './list-payments.ts';
import { paymentIntakeRoutes } from './payment-intake.routes.ts';
import { paymentReviewRoutes } from './payment-review.routes.ts';
import {
  idParams,
  listQuery,
  type PaymentRouteOptions,
  paymentListSchema,
  paymentSchema,
  toPaymentJson,
} from './payments.contract.ts';
import { refundsRoutes } from './refunds/index.ts';

/** `/api/payments`: list and read here; intake (manual, proof, mobile money) and review in their own files. */
export const paymentsRoutes: FastifyPluginAsyncZod<PaymentRouteOptions> = async (app, deps) => {
  const op = routeOptions(['payments']);
  const one = { 200: paymentSchema };

  await app.register(paymentIntakeRoutes, deps);
  await app.register(paymentReviewRoutes, deps);
  await app.register(refundsRoutes, deps);
  app.get(
    '/api/payments',
    op('payments.payment.read', 'Payments, newest first', {
      querystring: listQuery,
      response: { 200: paymentListSchema },
    }),
    async (req) => {
      const { page, perPage, ...filters } = req.query;
      const found = await listPayments(req.ctx, { ...filters, ...rowsOf({ page, perPage }) });
      return { items: found.items.map(toPaymentJson), total: found.total, page, perPage };
    },
  );

  app.get(
    '/api/payments/:id',
    op('payments.payment.read', 'One payment', { params: idParams, response: one }),
    async (req) => toPaymentJson(await getPayment(req.ctx, req.params.id)),
  );
};
