import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { raffleOriginalRoutes } from './compat/original-api.routes.ts';
import { drawPageRoutes } from './draw-page.routes.ts';
import { orderRefundRoutes } from './order-refunds.routes.ts';
import { orderRoutes } from './orders.routes.ts';
import type { RaffleRuntime } from './raffle.runtime.ts';
import { raffleConsoleRoutes } from './raffle-console.routes.ts';
import { rafflesRoutes } from './raffles.routes.ts';
import { ticketRoutes } from './tickets.routes.ts';

/** Every raffle route: the staff API one file per resource, the console's views and the public draw page. */
export function raffleRoutes(rt: RaffleRuntime): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(rafflesRoutes(rt));
    await app.register(ticketRoutes(rt));
    await app.register(orderRoutes(rt));
    await app.register(orderRefundRoutes(rt));
    await app.register(raffleConsoleRoutes(rt));
    await app.register(drawPageRoutes(rt));
    await app.register(raffleOriginalRoutes(rt));
  };
}
