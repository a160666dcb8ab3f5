import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { routeOptions } from '../../platform/http/index.ts';
import { idParams, personMessagesQuery, personMessagesSchema } from './notifications.contract.ts';
import { contactMessages } from './person-messages.ts';

/**
 * `/api/contacts/:id/messages`: a contact's messages on every channel (issue 65). Served by the outbox,
 * which already reads contacts (their names); contacts reading the outbox back would tie the two in a cycle.
 */
export const contactMessagesRoutes: FastifyPluginAsyncZod = async (app) => {
  const op = routeOptions(['contacts']);
  app.get(
    '/api/contacts/:id/messages',
    op(
      'contacts.contact.read',
      'The messages sent to a contact on every channel, newest first, with delivery state; SMS with parts, encoding and cost',
      { params: idParams, querystring: personMessagesQuery, response: { 200: personMessagesSchema } },
    ),
    async (req) => contactMessages(req.ctx, req.params.id, req.query),
  );
};
