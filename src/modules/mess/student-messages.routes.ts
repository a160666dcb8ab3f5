import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { personMessagesQuery, personMessagesSchema } from '../../core/notifications/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { idParams } from './mess.contract.ts';
import { studentMessages } from './student-messages.ts';

/** `/api/mess/students/:id/messages`: what a student's page lists under "Messages sent". */
export const studentMessagesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/mess/students/:id/messages',
    routeOptions(['mess'])(
      'mess.student.read',
      'The messages sent to a student on every channel, newest first, with delivery state; SMS with parts, encoding and cost',
      { params: idParams, querystring: personMessagesQuery, response: { 200: personMessagesSchema } },
    ),
    async (req) => studentMessages(req.ctx, req.params.id, req.query),
  );
};
