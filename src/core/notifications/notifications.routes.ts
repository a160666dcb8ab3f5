import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { getNotification, listNotifications } from './list-notifications.ts';
import {
  idParams,
  notificationDetailSchema,
  notificationQuery,
  notificationSchema,
} from './notifications.contract.ts';
import { replayNotification } from './replay-notification.ts';

/** The outbox for staff: list messages, see one with its delivery log, replay a dead one. */
export const notificationsRoutes: FastifyPluginAsyncZod<{ jobs: JobQueue }> = async (app, { jobs }) => {
  const tags = ['notifications'];
  app.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: 'Messages of my organization, newest first',
        querystring: notificationQuery,
        response: { 200: z.object({ items: z.array(notificationSchema), total: z.number() }) },
      },
      config: { permission: 'notifications.message.read' },
    },
    async (req) => listNotifications(req.ctx, req.query),
  );
  app.get(
    '/api/notifications/:id',
    {
      schema: {
        tags,
        summary: 'One message with its body and delivery log',
        params: idParams,
        response: { 200: notificationDetailSchema },
      },
      config: { permission: 'notifications.message.read' },
    },
    async (req) => getNotification(req.ctx, req.params.id),
  );
  app.post(
    '/api/notifications/:id/replay',
    {
      schema: {
        tags,
        summary: 'Send a failed or dead message again, with a fresh set of attempts',
        params: idParams,
        response: { 202: notificationSchema },
      },
      config: { permission: 'notifications.message.replay', refuses: [409] },
    },
    async (req, reply) => reply.status(202).send(await replayNotification(req.ctx, jobs, req.params.id)),
  );
};
