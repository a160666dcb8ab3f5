import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { routeOptions } from '../../platform/http/index.ts';
import type { CoffeeRuntime } from './coffee.runtime.ts';
import { fleetSummaryQuery, fleetSummarySchema } from './fleet-summary.contract.ts';
import { fleetSummary } from './fleet-summary.ts';

const op = routeOptions(['coffee']);

/** The fleet at a glance: the dashboard's summary. */
export const fleetSummaryRoutes =
  (_rt: CoffeeRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/coffee/summary',
      op(
        'coffee.device.read',
        'Dashboard KPIs and trends of the fleet, or of one merchant, over chosen days',
        { querystring: fleetSummaryQuery, response: { 200: fleetSummarySchema } },
      ),
      async (req) => fleetSummary(req.ctx, req.query),
    );
  };
