import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REFUND_METHODS, toRefundJson } from '../../core/payments/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { refundVoidedBill } from './bill-refunds.ts';
import { idParams } from './exhibition.contract.ts';
import type { ExhibitionRuntime } from './exhibition.runtime.ts';

const op = routeOptions(['exhibition']);

/** Money taken for a voided bill, given back through core refunds (the statement shows it). */
export const billRefundRoutes =
  (rt: ExhibitionRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/exhibition/bills/:id/refund',
      op(
        { permission: 'exhibition.bill.refund', refuses: [404, 409] },
        'Refund the money taken for a voided bill (core refunds: within the refund limit of one’s role, a second person above it)',
        {
          params: idParams,
          body: z.object({
            reason: z.string().trim().max(500).optional().describe('Default: the void’s reason'),
            method: z.enum(REFUND_METHODS).optional(),
          }),
          response: { 200: z.object({ refunds: z.array(z.unknown()) }) },
        },
      ),
      async (req) => {
        const refunds = await refundVoidedBill(
          req.ctx,
          { jobs: rt.jobs, providers: rt.deps.declared.paymentProviders() },
          {
            billId: req.params.id,
            ...(req.body.reason ? { reason: req.body.reason } : {}),
            ...(req.body.method ? { method: req.body.method } : {}),
            staff: { role: req.auth!.role, userId: req.auth!.userId },
          },
        );
        return { refunds: refunds.map(toRefundJson) };
      },
    );
  };
