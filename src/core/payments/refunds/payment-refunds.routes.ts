import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { routeOptions } from '../../../platform/http/index.ts';
import { callerKey, sendCreated } from '../../idempotency/index.ts';
import { findPayment } from '../get-payment.ts';
import type { PaymentRouteOptions } from '../payments.contract.ts';
import { PaymentsErrors } from '../payments.errors.ts';
import { refundsOfPayment } from './get-refund.ts';
import { refundMethods } from './refund-left.ts';
import { refundTotals } from './refund-totals.ts';
import {
  paymentRefundsSchema,
  refundBody,
  refundIdParams,
  refundSchema,
  toRefundJson,
} from './refunds.contract.ts';
import { isRefundable } from './refunds.rules.ts';
import { requestRefund } from './request-refund.ts';

/** A payment's refunds: ask for one (Idempotency-Key), and see them with what is left to refund. */
export const paymentRefundsRoutes: FastifyPluginAsyncZod<PaymentRouteOptions> = async (app, deps) => {
  const op = routeOptions(['payments']);

  app.post(
    '/api/payments/:id/refunds',
    op(
      { permission: 'payments.refund.create', refuses: [404, 409] },
      'Refund all or part of a settled payment, with a reason, in cash or through the provider it came through; above your limit it waits for a second person (Idempotency-Key)',
      { params: refundIdParams, body: refundBody, response: { 201: refundSchema } },
    ),
    async (req, reply) =>
      sendCreated(
        req,
        reply,
        { scope: 'payments.refund', request: { paymentId: req.params.id, ...req.body } },
        async (tx, key) => {
          const { refund } = await requestRefund(tx, deps, {
            paymentId: req.params.id,
            ...req.body,
            staff: { role: req.auth!.role, userId: req.auth!.userId },
            idempotencyKey: callerKey(tx, key),
          });
          return toRefundJson(refund);
        },
      ),
  );

  app.get(
    '/api/payments/:id/refunds',
    op(
      { permission: 'payments.refund.read', refuses: [404] },
      "A payment's refunds with what was paid, what is held and what is left to refund",
      { params: refundIdParams, response: { 200: paymentRefundsSchema } },
    ),
    async (req) => {
      const payment = await findPayment(req.ctx, req.params.id);
      if (!payment) throw PaymentsErrors.payment_not_found({ id: req.params.id });
      const totals = await refundTotals(req.ctx, payment);
      return {
        ...totals,
        refundable: isRefundable(payment.status) && totals.left.amountMinor > 0,
        methods: refundMethods(payment, deps),
        items: (await refundsOfPayment(req.ctx, payment.id)).map(toRefundJson),
      };
    },
  );
};
