import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { routeOptions } from '../../platform/http/index.ts';
import {
  idParams,
  type PaymentRouteOptions,
  paymentSchema,
  reasonBody,
  reviewQueueQuery,
  reviewQueueSchema,
  toPaymentJson,
} from './payments.contract.ts';
import { PaymentsErrors } from './payments.errors.ts';
import { voidManualPayment } from './record-manual-payment.ts';
import { denyPayment, verifyPayment } from './review-proof-payment.ts';
import { reviewItem, reviewQueue } from './review-queue.ts';

/** Staff review of payments: the queue of proofs to check, one item, verify, deny and void. */
export const paymentReviewRoutes: FastifyPluginAsyncZod<PaymentRouteOptions> = async (app, deps) => {
  const op = routeOptions(['payments']);
  const one = { 200: paymentSchema };

  app.get(
    '/api/payments/review',
    op(
      'payments.payment.read',
      'Proofs waiting for a decision, oldest first: proof file, payer, what it pays for in words, likely duplicates',
      { querystring: reviewQueueQuery, response: { 200: reviewQueueSchema } },
    ),
    async (req) => {
      const queue = await reviewQueue(req.ctx, deps.purposeLabels(), req.query);
      return {
        ...queue,
        items: queue.items.map((item) => ({
          ...item,
          payment: toPaymentJson(item.payment),
          duplicates: item.duplicates.map((d) => ({ ...d, payment: toPaymentJson(d.payment) })),
        })),
      };
    },
  );

  app.get(
    '/api/payments/:id/review',
    op(
      { permission: 'payments.payment.read', refuses: [404] },
      'One payment as the review panel shows it: proof file, payer, what it pays for in words, look-alikes',
      { params: idParams, response: { 200: reviewQueueSchema.shape.items.element } },
    ),
    async (req) => {
      const item = await reviewItem(req.ctx, deps.purposeLabels(), req.params.id);
      if (!item) throw PaymentsErrors.payment_not_found({ id: req.params.id });
      return {
        ...item,
        payment: toPaymentJson(item.payment),
        duplicates: item.duplicates.map((d) => ({ ...d, payment: toPaymentJson(d.payment) })),
      };
    },
  );

  app.post(
    '/api/payments/:id/verify',
    op(
      { permission: 'payments.payment.verify', refuses: [409] },
      'Confirm a submitted proof (settles the payment); 409 purpose_missing when it pays for no record (deny it)',
      { params: idParams, response: one },
    ),
    async (req) =>
      toPaymentJson(
        await verifyPayment(req.ctx, { paymentId: req.params.id, purposes: deps.purposeLabels() }),
      ),
  );

  app.post(
    '/api/payments/:id/deny',
    op({ permission: 'payments.payment.verify', refuses: [409] }, 'Reject a submitted proof, with a reason', {
      params: idParams,
      body: reasonBody,
      response: one,
    }),
    async (req) =>
      toPaymentJson(
        await denyPayment(req.ctx, {
          paymentId: req.params.id,
          reason: req.body.reason,
          purposes: deps.purposeLabels(),
        }),
      ),
  );

  app.post(
    '/api/payments/:id/void',
    op(
      { permission: 'payments.payment.verify', refuses: [409] },
      'Void a recorded manual payment, with a reason',
      { params: idParams, body: reasonBody, response: one },
    ),
    async (req) =>
      toPaymentJson(await voidManualPayment(req.ctx, { paymentId: req.params.id, reason: req.body.reason })),
  );
};
