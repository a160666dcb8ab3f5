import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { answerErrorsAsDrf } from '../../../platform/http/index.ts';
import type { RaffleRuntime } from '../raffle.runtime.ts';
import { originalOrderRoutes } from './original-api-orders.routes.ts';
import { originalRaffleWriteRoutes } from './original-api-raffle-writes.routes.ts';
import { originalRaffleRoutes } from './original-api-raffles.routes.ts';
import { originalWebhookRoutes } from './original-webhooks.routes.ts';

/**
 * The original raffle backoffice's REST API (devpbeat/raffle-backoffice `apps/raffles/urls.py`),
 * so its scripts keep working: the same paths with their trailing slashes (and both spellings of
 * its actions, `confirm-payment/` as documented and `confirm_payment/` as DRF routed it), parameter
 * names, status spellings and DRF answers; an imported raffle, order or contact is also found by
 * the original's id. Each route calls the use case of its native route under the same permission.
 * It took a DRF token or an admin session; here an API token (`Authorization: Bearer …`) or a staff
 * session. Beside it, the original's WhatsApp webhook URLs lead to the WhatsApp channel.
 */
export const raffleOriginalRoutes =
  (rt: RaffleRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(async (drf) => {
      answerErrorsAsDrf(drf);
      await drf.register(originalRaffleRoutes);
      await drf.register(originalRaffleWriteRoutes(rt));
      await drf.register(originalOrderRoutes(rt));
    });
    await app.register(originalWebhookRoutes);
  };
