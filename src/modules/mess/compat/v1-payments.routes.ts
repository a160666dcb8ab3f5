import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getPayment, listPayments, PaymentsErrors, verifyPayment } from '../../../core/payments/index.ts';
import { DRF_PAGE_SIZE, drfPage, routeOptions } from '../../../platform/http/index.ts';
import { CYCLE_FEE } from '../fee-payments.ts';
import { feePurposeLabels } from '../fee-purpose.ts';
import {
  tags,
  v1IdParams,
  v1Payment,
  v1PaymentPage,
  v1PaymentsQuery,
  v1StatusAnswer,
} from './v1.contract.ts';
import { v1Payments } from './v1-reads.ts';

const op = routeOptions(tags);

const FEE_PURPOSES = [{ type: CYCLE_FEE, label: feePurposeLabels }];
const V1_TO_OURS = { UPLOADED: 'submitted', VERIFIED: 'verified', DENIED: 'denied' } as const;

/** The original's payment paths: the list, one payment, and verifying it. */
export const v1PaymentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/payments/',
    op('payments.payment.read', 'Mess fee payments, newest first, 50 a page', {
      querystring: v1PaymentsQuery,
      response: { 200: v1PaymentPage },
    }),
    async (req) => {
      const { page, status } = req.query;
      const listed = await listPayments(req.ctx, {
        purposeType: CYCLE_FEE,
        ...(status ? { status: V1_TO_OURS[status] } : {}),
        limit: DRF_PAGE_SIZE,
        offset: (page - 1) * DRF_PAGE_SIZE,
      });
      return drfPage(req.url, page, DRF_PAGE_SIZE, listed.total, await v1Payments(req.ctx, listed.items));
    },
  );
  app.get(
    '/api/v1/payments/:id/',
    op({ permission: 'payments.payment.read', refuses: [404] }, 'One mess fee payment', {
      params: v1IdParams,
      response: { 200: v1Payment },
    }),
    async (req) => {
      const payment = await getPayment(req.ctx, req.params.id);
      const [shaped] = payment.purpose.type === CYCLE_FEE ? await v1Payments(req.ctx, [payment]) : [];
      // A payment the original could not have held (no fee, or one naming none) is not one of its payments.
      if (!shaped) throw PaymentsErrors.payment_not_found({ id: req.params.id });
      return shaped;
    },
  );
  app.post(
    '/api/v1/payments/:id/verify',
    op(
      { permission: 'payments.payment.verify', refuses: [400, 404] },
      'Verify an uploaded payment screenshot (settles the fee)',
      { params: v1IdParams, response: { 200: v1StatusAnswer } },
    ),
    async (req) => {
      // The fee is looked up first: a proof stored for no fee is a 409 (deny it), never a 500.
      await verifyPayment(req.ctx, { paymentId: req.params.id, purposes: FEE_PURPOSES });
      return { status: 'verified' };
    },
  );
};
