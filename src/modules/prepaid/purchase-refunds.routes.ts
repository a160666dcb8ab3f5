import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotentCreate } from '../../core/idempotency/index.ts';
import { refundSchema, toRefundJson } from '../../core/payments/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { idParams, purchaseRefundBody, purchaseRefundFactsSchema } from './prepaid.contract.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import { purchaseRefundFacts, refundPurchase } from './purchase-refunds.ts';

const op = routeOptions(['prepaid']);

/**
 * Money back on a purchase (Opsdesk's or the original system's): what a refund would mean (token
 * issued or not), and the refund itself, a thin call into core payments' one refund path that the
 * purchase's refund contract completes. A retry with the same Idempotency-Key answers the first
 * refund (the provider is asked once).
 */
export const purchaseRefundRoutes =
  (rt: PrepaidRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/prepaid/purchases/:id/refund',
      op(
        { permission: 'prepaid.purchase.read', refuses: [404] },
        'Before a refund: whether the token was issued (it then keeps working on the meter), what went back and what is left',
        { params: idParams, response: { 200: purchaseRefundFactsSchema } },
      ),
      async (req) => {
        const facts = await purchaseRefundFacts(req.ctx, rt, req.params.id);
        return {
          ...facts,
          tokenKeepsWorking: facts.tokenIssued,
          refundable: (facts.left?.amountMinor ?? 0) > 0,
        };
      },
    );
    app.post(
      '/api/prepaid/purchases/:id/refund',
      op(
        { permission: 'prepaid.purchase.refund', refuses: [400, 404, 409] },
        'Refund a purchase through core payments (a token never issued; or an issued one, with a reason and tokenKeepsWorking: true); above your limit it waits for a second person (Idempotency-Key)',
        {
          params: idParams,
          body: purchaseRefundBody,
          response: { 200: z.object({ refund: refundSchema, tokenIssued: z.boolean() }) },
        },
      ),
      async (req) =>
        idempotentCreate(
          req,
          {
            scope: 'prepaid.purchase.refund',
            request: { purchaseId: req.params.id, ...req.body },
            status: 200,
          },
          async (tx) => {
            const { refund, tokenIssued } = await refundPurchase(tx, rt, {
              purchaseId: req.params.id,
              ...req.body,
              staff: { role: req.auth!.role, userId: req.auth!.userId },
            });
            return { refund: toRefundJson(refund), tokenIssued };
          },
        ),
    );
  };
