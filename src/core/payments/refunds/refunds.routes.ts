import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeOptions, sendFile } from '../../../platform/http/index.ts';
import type { AuthTables } from '../../auth/index.ts';
import type { Ctx } from '../../context/index.ts';
import { callerKey, sendCreated } from '../../idempotency/index.ts';
import { findPayment } from '../get-payment.ts';
import type { PaymentRouteOptions } from '../payments.contract.ts';
import { PaymentsErrors } from '../payments.errors.ts';
import { approveRefund, rejectRefund, retryRefund } from './decide-refund.ts';
import { getRefund, refundsOfPayment } from './get-refund.ts';
import { refundMethods } from './refund-left.ts';
import { refundReceiptPdf } from './refund-receipt.pdf.ts';
import { refundTotals } from './refund-totals.ts';
import {
  paymentRefundsSchema,
  refundBody,
  refundIdParams,
  refundSchema,
  rejectBody,
  toRefundJson,
} from './refunds.contract.ts';
import { queueRefundCheck } from './refunds.queue.ts';
import { isRefundable } from './refunds.rules.ts';
import { requestRefund } from './request-refund.ts';

/**
 * Refunds: ask for one on a payment (Idempotency-Key), see a payment's with what is left, approve or
 * reject one above its requester's limit (a second person), retry a failed one, check an open one, and
 * its receipt. The list with filters and CSV is the `payments.refunds` resource (`GET /api/refunds`).
 */
export const refundsRoutes: FastifyPluginAsyncZod<PaymentRouteOptions> = async (app, deps) => {
  const op = routeOptions(['payments']);
  const one = { 200: refundSchema };

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
          const { refund } = await requestRefund(
            tx,
            {
              paymentId: req.params.id,
              ...req.body,
              staff: { role: req.auth!.role, userId: req.auth!.userId },
              idempotencyKey: callerKey(tx, key),
            },
            deps,
          );
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

  app.post(
    '/api/refunds/:id/approve',
    op(
      { permission: 'payments.refund.approve', refuses: [404, 409] },
      'Approve a refund above its requester’s limit (a second person, within their own limit)',
      { params: refundIdParams, response: one },
    ),
    async (req) =>
      toRefundJson(
        await approveRefund(
          req.ctx,
          { refundId: req.params.id, staff: { role: req.auth!.role, userId: req.auth!.userId } },
          deps,
        ),
      ),
  );

  app.post(
    '/api/refunds/:id/reject',
    op(
      { permission: 'payments.refund.approve', refuses: [404, 409] },
      'Turn down a refund waiting for approval, with a reason',
      { params: refundIdParams, body: rejectBody, response: one },
    ),
    async (req) =>
      toRefundJson(await rejectRefund(req.ctx, { refundId: req.params.id, reason: req.body.reason }, deps)),
  );

  app.post(
    '/api/refunds/:id/retry',
    op(
      { permission: 'payments.refund.create', refuses: [404, 409] },
      'Send a failed provider refund again (a new attempt); refused while its outcome is unknown',
      { params: refundIdParams, response: one },
    ),
    async (req) => toRefundJson(await retryRefund(req.ctx, { refundId: req.params.id }, deps)),
  );

  app.post(
    '/api/refunds/:id/check',
    op(
      { permission: 'payments.refund.create', refuses: [404] },
      'Ask the provider now where an open refund stands (the answer arrives as the refund changes)',
      { params: refundIdParams, response: one },
    ),
    async (req) => {
      const refund = await getRefund(req.ctx, req.params.id);
      await queueRefundCheck(deps.jobs, { orgId: req.ctx.orgId, refundId: refund.id, trigger: 'staff' });
      return toRefundJson(refund);
    },
  );

  app.get(
    '/api/refunds/:id/receipt.pdf',
    op({ permission: 'payments.refund.read', refuses: [404] }, 'A refund’s receipt as PDF', {
      params: refundIdParams,
      querystring: refundReceiptQuery,
    }),
    async (req, reply) => {
      const refund = await getRefund(req.ctx, req.params.id);
      const pdf = await refundReceiptPdf({
        refund,
        ...(await orgOf(req.ctx)),
        language: req.query.lang ?? 'en',
      });
      return sendFile(reply, { type: 'application/pdf', name: `refund-${refund.id}.pdf`, inline: true }, pdf);
    },
  );
};

const refundReceiptQuery = z.object({ lang: z.string().max(20).optional() });

async function orgOf(ctx: Ctx): Promise<{ organization: string; timeZone: string }> {
  const org = await ctx.db
    .withTables<AuthTables>()
    .selectFrom('organization')
    .select(['name', 'time_zone'])
    .where('id', '=', ctx.orgId)
    .executeTakeFirstOrThrow();
  return { organization: org.name, timeZone: org.time_zone };
}
