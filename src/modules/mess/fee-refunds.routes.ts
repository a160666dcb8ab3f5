import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toRefundJson } from '../../core/payments/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { creditOf, payBackCredit } from './fee-refunds.ts';
import { idParams } from './mess.contract.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { getStudent } from './students.ts';

const payBackBody = z.object({
  amountMinor: z.number().int().positive().optional().describe('Default: all the credit'),
  reason: z.string().trim().min(1).max(500).describe('The student reads it'),
});

/** Paying a student back: what credit they have, and the pay-back (core refunds, in cash). */
export const feeRefundRoutes =
  (rt: MessRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const op = routeOptions(['mess']);
    app.get(
      '/api/mess/students/:id/credit',
      op('mess.student.read', 'What the student may be paid back: credit less refunds not gone back yet', {
        params: idParams,
        response: { 200: z.object({ creditMinor: z.number().int(), currency: z.string() }) },
      }),
      async (req) => {
        await getStudent(req.ctx, req.params.id);
        return creditOf(req.ctx, req.params.id);
      },
    );
    app.post(
      '/api/mess/students/:id/pay-back',
      op(
        { permission: 'mess.payment.refund', refuses: [404, 409] },
        'Pay a student back credit or an over-payment (core refunds, in cash, within the refund limit of one’s role); the dues follow once the money has gone back',
        {
          params: idParams,
          body: payBackBody,
          response: { 200: z.object({ refunds: z.array(z.unknown()), creditMinor: z.number().int() }) },
        },
      ),
      async (req) => {
        const { refunds, creditMinor } = await payBackCredit(req.ctx, rt, {
          studentId: req.params.id,
          ...(req.body.amountMinor ? { amountMinor: req.body.amountMinor } : {}),
          reason: req.body.reason,
          staff: { role: req.auth!.role, userId: req.auth!.userId },
        });
        return { refunds: refunds.map(toRefundJson), creditMinor };
      },
    );
  };
