import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { routeOptions } from '../../platform/http/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { contactMessagesRoutes } from './contact-messages.routes.ts';
import { getNotification, listNotifications } from './list-notifications.ts';
import {
  idParams,
  notificationDetailSchema,
  notificationPageSchema,
  notificationQuery,
  notificationSchema,
} from './notifications.contract.ts';
import { replayNotification } from './replay-notification.ts';

/** The outbox for staff: list messages, see one with its delivery log, replay a failed one. */
export const notificationsRoutes: FastifyPluginAsyncZod<{ jobs: JobQueue }> = async (app, { jobs }) => {
  const op = routeOptions(['notifications']);
  await app.register(contactMessagesRoutes);
  app.get(
    '/api/notifications',
    op('notifications.message.read', 'Messages of my organization, newest first', {
      querystring: notificationQuery,
      response: { 200: notificationPageSchema },
    }),
    async (req) => listNotifications(req.ctx, req.query),
  );
  app.get(
    '/api/notifications/:id',
    op('notifications.message.read', 'One message with its body and delivery log', {
      params: idParams,
      response: { 200: notificationDetailSchema },
    }),
    async (req) => getNotification(req.ctx, req.params.id),
  );
  app.post(
    '/api/notifications/:id/replay',
    op(
      { permission: 'notifications.message.replay', refuses: [409] },
      'Send a failed message again, with a fresh set of attempts',
      { params: idParams, response: { 202: notificationSchema } },
    ),
    async (req, reply) => reply.status(202).send(await replayNotification(req.ctx, jobs, req.params.id)),
  );
};
