import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { answerErrorsAsDrf } from '../../../platform/http/index.ts';
import type { RaffleRuntime } from '../raffle.runtime.ts';
import { originalOrderRoutes } from './original-api-orders.routes.ts';
import { originalRaffleRoutes } from './original-api-raffles.routes.ts';

/**
 * The original raffle backoffice's REST API (devpbeat/raffle-backoffice `apps/raffles/urls.py`),
 * so its scripts keep working: the same paths with their trailing slashes (and both spellings of
 * its actions, `confirm-payment/` as documented and `confirm_payment/` as DRF routed it), parameter
 * names, status spellings and DRF answers. Each route calls the use case of its native route under
 * the same permission. It took a DRF token or an admin session; here an API token
 * (`Authorization: Bearer …`) or a staff session.
 */
export const raffleOriginalRoutes =
  (rt: RaffleRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    answerErrorsAsDrf(app);
    await app.register(originalRaffleRoutes);
    await app.register(originalOrderRoutes(rt));
  };
