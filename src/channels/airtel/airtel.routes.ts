import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  mobileMoneyCallbackHint,
  type PaymentCallbackDeps,
  PaymentsErrors,
} from '../../core/payments/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { type AirtelCallback, validAirtelHash } from './airtel.rules.ts';

const op = routeOptions(['webhooks']);

/**
 * Airtel's payment callback: a hint that names a payment by our transaction id; the core then
 * asks Airtel for the status. With AIRTEL_CALLBACK_SECRET set, a callback without a valid `hash`
 * is refused. Answers 200 whether or not the reference is known (no probing).
 */
export const airtelRoutes: FastifyPluginAsyncZod<PaymentCallbackDeps & { callbackSecret?: string }> = async (
  app,
  deps,
) => {
  app.post(
    '/webhooks/airtel',
    op({ public: true }, 'Airtel Money payment callback (a hint: the status is re-read)'),
    async (req, reply) => {
      const body = (req.body ?? {}) as AirtelCallback;
      if (deps.callbackSecret && !validAirtelHash(body, deps.callbackSecret))
        throw PaymentsErrors.callback_signature_invalid();
      // A payment's, or a reversal (TR) reported on the collected transaction's id: its refund's.
      await mobileMoneyCallbackHint(deps, 'airtel', body.transaction?.id);
      return reply.status(200).send({ received: true });
    },
  );
};
