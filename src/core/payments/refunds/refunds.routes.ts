import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PaymentRouteOptions } from '../payments.contract.ts';
import { paymentRefundsRoutes } from './payment-refunds.routes.ts';
import { refundActionRoutes } from './refund-actions.routes.ts';

/**
 * Refunds: ask for one on a payment (Idempotency-Key), see a payment's with what is left, approve or
 * reject one above its requester's limit (a second person), retry a failed one, check an open one, and
 * its receipt. The list with filters and CSV is the `payments.refunds` resource (`GET /api/refunds`).
 */
export const refundsRoutes: FastifyPluginAsyncZod<PaymentRouteOptions> = async (app, deps) => {
  await app.register(paymentRefundsRoutes, deps);
  await app.register(refundActionRoutes, deps);
};
