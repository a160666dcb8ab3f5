import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { answerErrorsAsDrf } from '../../../platform/http/index.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import { ingufupayAuthRoutes } from './ingufupay-auth.routes.ts';
import { ingufupayEsp32Routes } from './ingufupay-esp32.routes.ts';
import { ingufupayMeterRoutes } from './ingufupay-meters.routes.ts';
import { ingufupayPurchaseRoutes } from './ingufupay-purchases.routes.ts';
import { ingufupayTransactionRoutes } from './ingufupay-transactions.routes.ts';

/**
 * The original prepaid system's API (IngufuPay, Django REST Framework), so the scripts and ESP32
 * meters already in the field keep working: the same paths with their trailing slashes, parameter
 * names, status spellings and DRF answers. Each staff route calls the use case of its native route
 * under the same permission; callers authenticate as every staff route does (an API token as
 * `Authorization: Bearer …`, or a staff session); the original's SimpleJWT login (`token/`,
 * `token/refresh/`) answers such API tokens as its access and refresh pair (`ingufupay-auth.routes.ts`).
 * The ESP32 paths are public and authenticate the meter by its device token, as the native meter API.
 */
export const prepaidIngufupayRoutes =
  (rt: PrepaidRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    answerErrorsAsDrf(app);
    await app.register(ingufupayMeterRoutes(rt));
    await app.register(ingufupayPurchaseRoutes(rt));
    await app.register(ingufupayTransactionRoutes);
    await app.register(ingufupayEsp32Routes(rt));
    await app.register(ingufupayAuthRoutes(rt));
  };
