import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendCreated } from '../../core/idempotency/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { createdTariffSchema, newTariffSchema } from './prepaid.contract.ts';
import { createTariff } from './tariffs.ts';

const op = routeOptions(['prepaid']);

/** Tariffs: a meter category's price tiers, fee and tax from a date. */
export const tariffRoutes = (): FastifyPluginAsyncZod => async (app) => {
  app.post(
    '/api/prepaid/tariffs',
    op(
      { permission: 'prepaid.tariff.manage', refuses: [422] },
      'Add a tariff for a meter category from a date (flat = one open tier)',
      { body: newTariffSchema, response: { 201: createdTariffSchema } },
    ),
    async (req, reply) => {
      return sendCreated(req, reply, { scope: 'prepaid.tariff.create' }, async (tx) => {
        const t = await createTariff(tx, req.body);
        return { id: t.id, category: t.category };
      });
    },
  );
};
