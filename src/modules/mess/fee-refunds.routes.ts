import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { callerKey, sendCreated } from '../../core/idempotency/index.ts';
import { refundSchema, toRefundJson } from '../../core/payments/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { mayGoBackOf, payBack } from './fee-refunds.ts';
import { idParams, mayGoBackSchema } from './mess.contract.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { getStudent } from './students.ts';

const payBackBody = z.object({
  amountMinor: z.number().int().positive().optional().describe('Default: all the credit'),
  reason: z.string().trim().min(1).max(500).describe('The student reads it'),
});

/** Paying a student back: what may go back, and the pay-back (core refunds, in cash). */
export const feeRefundRoutes =
  (rt: MessRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const op = routeOptions(['mess']);
    app.get(
      '/api/mess/students/:id/credit',
      op(
        'mess.student.read',
        'What the student may be paid back: their credit (what they paid beyond the dues), less refunds not gone back yet',
        { params: idParams, response: { 200: mayGoBackSchema } },
      ),
      async (req) => {
        await getStudent(req.ctx, req.params.id);
        return mayGoBackOf(req.ctx, req.params.id);
      },
    );
    app.post(
      '/api/mess/students/:id/pay-back',
      op(
        { permission: 'mess.payment.refund', refuses: [404, 409, 422] },
        'Pay a student back credit or an over-payment (core refunds, in cash, within the refund limit of one’s role; Idempotency-Key); the dues follow once the money has gone back',
        {
          params: idParams,
          body: payBackBody,
          response: {
            201: z.object({ refunds: z.array(refundSchema), creditMinor: z.number().int() }),
          },
        },
      ),
      async (req, reply) =>
        sendCreated(
          req,
          reply,
          { scope: 'mess.pay_back', request: { studentId: req.params.id, ...req.body } },
          async (tx, key) => {
            const { refunds, creditMinor } = await payBack(tx, rt, {
              studentId: req.params.id,
              ...req.body,
              staff: { role: req.auth!.role, userId: req.auth!.userId },
              idempotencyKey: callerKey(tx, key),
            });
            return { refunds: refunds.map(toRefundJson), creditMinor };
          },
        ),
    );
  };
