import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REFUND_METHODS, toRefundJson } from '../../core/payments/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { idParams } from './prepaid.contract.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import { purchaseRefundFacts, refundPurchase } from './purchase-refunds.ts';

const op = routeOptions(['prepaid']);
const money = z.object({
  amountMinor: z.number().int().positive(),
  currency: z.string().regex(/^[A-Z]{3}$/),
});

const refundBody = z.object({
  reason: z.string().trim().max(500).optional().describe('Required when the token was issued'),
  tokenKeepsWorking: z
    .boolean()
    .optional()
    .describe(
      'Required true when the token was issued: it keeps working on the meter (it cannot be revoked)',
    ),
  amount: money.optional().describe('Default: what is left to refund on the purchase’s payment'),
  method: z.enum(REFUND_METHODS).optional(),
});

const factsSchema = z.object({
  purchaseId: z.string(),
  tokenIssued: z.boolean(),
  /** Said plainly before a refund of an issued token: it keeps working on the meter. */
  tokenKeepsWorking: z.boolean(),
  left: money.extend({ amountMinor: z.number().int() }).nullable(),
  refundable: z.boolean(),
});

/** Money back on a purchase: what a refund would mean (token issued or not), and the refund itself. */
export const purchaseRefundRoutes =
  (rt: PrepaidRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/prepaid/purchases/:id/refund',
      op(
        { permission: 'prepaid.purchase.read', refuses: [404] },
        'Before a refund: whether the token was issued (it then keeps working on the meter) and what is left to refund',
        { params: idParams, response: { 200: factsSchema } },
      ),
      async (req) => {
        const { purchase, token, totals } = await purchaseRefundFacts(req.ctx, req.params.id);
        return {
          purchaseId: purchase.id,
          tokenIssued: token !== null,
          tokenKeepsWorking: token !== null,
          left: totals?.left ?? null,
          refundable: (totals?.left.amountMinor ?? 0) > 0,
        };
      },
    );
    app.post(
      '/api/prepaid/purchases/:id/refund',
      op(
        { permission: 'prepaid.purchase.refund', refuses: [400, 404, 409] },
        'Refund a purchase through core payments (a token never issued; or an issued one, with a reason and tokenKeepsWorking: true)',
        {
          params: idParams,
          body: refundBody,
          response: { 200: z.object({ refund: z.unknown(), tokenIssued: z.boolean() }) },
        },
      ),
      async (req) => {
        const { refund, tokenIssued } = await refundPurchase(req.ctx, rt, {
          purchaseId: req.params.id,
          ...(req.body.reason !== undefined ? { reason: req.body.reason } : {}),
          ...(req.body.tokenKeepsWorking !== undefined
            ? { tokenKeepsWorking: req.body.tokenKeepsWorking }
            : {}),
          ...(req.body.amount ? { amount: req.body.amount } : {}),
          ...(req.body.method ? { method: req.body.method } : {}),
          staff: { role: req.auth!.role, userId: req.auth!.userId },
        });
        return { refund: toRefundJson(refund), tokenIssued };
      },
    );
  };
