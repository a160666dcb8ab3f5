import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { patchBodyOf, routeOptions } from '../../platform/http/index.ts';
import { coffeeSettingsOf, updateCoffeeSettings } from './coffee.settings.ts';
import { coffeeSettingsSchema } from './coffee-settings.contract.ts';

const op = routeOptions(['coffee']);

/** The fleet's settings: which texts the on-call phones get (issue 65). */
export const coffeeSettingsRoutes = (): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/api/coffee/settings',
    op('coffee.alarm.read', 'The fleet settings: which texts on-call phones get', {
      response: { 200: coffeeSettingsSchema },
    }),
    async (req) => coffeeSettingsOf(req.ctx),
  );
  app.patch(
    '/api/coffee/settings',
    op('coffee.alarm.manage', 'Change the fleet settings', {
      body: patchBodyOf(coffeeSettingsSchema),
      response: { 200: coffeeSettingsSchema },
    }),
    async (req) => updateCoffeeSettings(req.ctx, req.body),
  );
};
