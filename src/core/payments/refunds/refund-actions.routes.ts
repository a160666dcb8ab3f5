import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeOptions, sendFile } from '../../../platform/http/index.ts';
import type { AuthTables } from '../../auth/index.ts';
import type { Ctx } from '../../context/index.ts';
import type { PaymentRouteOptions } from '../payments.contract.ts';
import { approveRefund, rejectRefund, retryRefund } from './decide-refund.ts';
import { getRefund } from './get-refund.ts';
import { refundReceiptPdf } from './refund-receipt.pdf.ts';
import { refundIdParams, refundSchema, rejectBody, toRefundJson } from './refunds.contract.ts';
import { queueRefundCheck } from './refunds.queue.ts';

/**
 * What staff do with one refund: approve or reject one above its requester's limit (a second
 * person), retry a failed one, check an open one, and print its receipt.
 */
export const refundActionRoutes: FastifyPluginAsyncZod<PaymentRouteOptions> = async (app, deps) => {
  const op = routeOptions(['payments']);
  const one = { 200: refundSchema };

  app.post(
    '/api/refunds/:id/approve',
    op(
      { permission: 'payments.refund.approve', refuses: [404, 409] },
      'Approve a refund above its requester’s limit (a second person, within their own limit)',
      { params: refundIdParams, response: one },
    ),
    async (req) =>
      toRefundJson(
        await approveRefund(req.ctx, deps, {
          refundId: req.params.id,
          staff: { role: req.auth!.role, userId: req.auth!.userId },
        }),
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
      toRefundJson(await rejectRefund(req.ctx, deps, { refundId: req.params.id, reason: req.body.reason })),
  );

  app.post(
    '/api/refunds/:id/retry',
    op(
      { permission: 'payments.refund.create', refuses: [404, 409] },
      'Send a failed provider refund again (a new attempt); refused while its outcome is unknown',
      { params: refundIdParams, response: one },
    ),
    async (req) => toRefundJson(await retryRefund(req.ctx, deps, { refundId: req.params.id })),
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
