import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { callerKey, idempotentCreate } from '../../core/idempotency/index.ts';
import { REFUND_METHODS, refundSchema, toRefundJson } from '../../core/payments/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { billRefundChange } from './bill-refund-contract.ts';
import { refundBill } from './bill-refunds.ts';
import { idParams } from './exhibition.contract.ts';
import type { ExhibitionRuntime } from './exhibition.runtime.ts';

const op = routeOptions(['exhibition']);

const billRefundBody = z.object({
  bill: z
    .enum(['void', 'reduce'])
    .optional()
    .describe('void: the bill goes and all its money back; reduce: to toMinor, the difference back'),
  toMinor: z.number().int().positive().max(1_000_000_000_000).optional().describe('With bill: reduce'),
  amountMinor: z
    .number()
    .int()
    .positive()
    .max(1_000_000_000_000)
    .optional()
    .describe('Default: all that may go back'),
  reason: z.string().trim().max(500).optional().describe('Default: the void’s reason for a voided bill'),
  method: z.enum(REFUND_METHODS).optional(),
});

/**
 * Money taken for a bill, given back through core refunds and the bill's refund contract (the bill
 * voided or reduced when the refund goes ahead; the statement shows it).
 */
export const billRefundRoutes =
  (rt: ExhibitionRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/exhibition/bills/:id/refund',
      op(
        { permission: 'exhibition.bill.refund', refuses: [404, 409, 422] },
        'Give back money taken for a bill: a voided bill’s, or with bill: void | reduce the bill changes as the refund goes ahead (within the refund limit of one’s role at once, above it when a second person approves). Accepts Idempotency-Key: a retry answers the first refunds',
        {
          params: idParams,
          body: billRefundBody,
          response: { 200: z.object({ refunds: z.array(refundSchema) }) },
        },
      ),
      async (req) => {
        const { bill, toMinor, ...rest } = req.body;
        const change = billRefundChange(bill ? { bill, ...(toMinor ? { toMinor } : {}) } : {});
        return idempotentCreate(
          req,
          { scope: 'exhibition.bill.refund', request: [req.params.id, req.body], status: 200 },
          async (tx, key) => {
            const refunds = await refundBill(tx, rt.deps, {
              billId: req.params.id,
              change,
              ...rest,
              staff: { role: req.auth!.role, userId: req.auth!.userId },
              idempotencyKey: callerKey(tx, key),
            });
            return { refunds: refunds.map(toRefundJson) };
          },
        );
      },
    );
  };
