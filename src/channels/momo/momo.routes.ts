import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { mobileMoneyCallbackHint, type PaymentCallbackDeps } from '../../core/payments/index.ts';

/**
 * MTN's request-to-pay callback: unsigned, so anyone can post it. It only names a payment (by our
 * X-Reference-Id); the core then asks MTN for the status. Answers 200 whether or not the
 * reference is known (no probing).
 */
export const momoRoutes: FastifyPluginAsyncZod<PaymentCallbackDeps> = async (app, deps) => {
  app.route({
    method: ['POST', 'PUT'],
    url: '/webhooks/momo',
    schema: {
      tags: ['webhooks'],
      summary: 'MTN MoMo request-to-pay callback (a hint: the status is re-read)',
    },
    config: { public: true },
    handler: async (req, reply) => {
      const body = (req.body ?? {}) as { referenceId?: unknown; externalId?: unknown };
      const query = (req.query ?? {}) as { ref?: unknown };
      const reference = body.referenceId ?? query.ref ?? body.externalId;
      // A payment's or a Disbursements refund's: both are named by our X-Reference-Id.
      await mobileMoneyCallbackHint(deps, 'momo', reference);
      return reply.status(200).send({ received: true });
    },
  });
};
