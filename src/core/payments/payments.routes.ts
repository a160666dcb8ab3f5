import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
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

/** `/api/payments`: list and read here; intake (manual, proof, mobile money) and review in their own files. */
export const paymentsRoutes: FastifyPluginAsyncZod<PaymentRouteOptions> = async (app, deps) => {
  const tags = ['payments'];
  const one = { 200: paymentSchema };

  await app.register(paymentIntakeRoutes, deps);
  await app.register(paymentReviewRoutes, deps);
  app.get(
    '/api/payments',
    {
      schema: {
        tags,
        summary: 'Payments, newest first',
        querystring: listQuery,
        response: { 200: paymentListSchema },
      },
      config: { permission: 'payments.payment.read' },
    },
    async (req) => {
      const page = await listPayments(req.ctx, req.query);
      return { items: page.items.map(toPaymentJson), total: page.total };
    },
  );

  app.get(
    '/api/payments/:id',
    {
      schema: { tags, summary: 'One payment', params: idParams, response: one },
      config: { permission: 'payments.payment.read' },
    },
    async (req) => toPaymentJson(await getPayment(req.ctx, req.params.id)),
  );
};
