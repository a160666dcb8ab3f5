import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { routeOptions } from '../../platform/http/index.ts';
import { newReadingSchema, recordedReadingSchema } from './prepaid.contract.ts';
import { recordReading } from './readings.ts';

const op = routeOptions(['prepaid']);

/** Register readings sent by smart meters or typed by staff. */
export const readingRoutes = (): FastifyPluginAsyncZod => async (app) => {
  app.post(
    '/api/prepaid/readings',
    op(
      { permission: 'prepaid.reading.create', refuses: [404] },
      'Record a meter register reading (smart meters); the same meter and moment twice is kept once',
      { body: newReadingSchema, response: { 201: recordedReadingSchema } },
    ),
    async (req, reply) =>
      reply.status(201).send(await recordReading(req.ctx, { ...req.body, source: 'api' })),
  );
};
