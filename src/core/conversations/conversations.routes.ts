import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeOptions } from '../../platform/http/index.ts';
import { conversationMessageRoutes } from './conversation-messages.routes.ts';
import { conversationSchema, idParams, listQuery } from './conversations.contract.ts';
import type { ConversationsRuntime } from './conversations.runtime.ts';
import { pauseConversation, releaseConversation } from './handoff.ts';
import { getConversation, listConversations } from './list-conversations.ts';
import { simulatorRoutes } from './simulator.routes.ts';

/** History, handoff and the simulator: one plugin per resource. */
export const conversationsRoutes: FastifyPluginAsyncZod<{ runtime: ConversationsRuntime }> = async (
  app,
  options,
) => {
  await app.register(conversationRoutes);
  await app.register(conversationMessageRoutes, options);
  await app.register(simulatorRoutes, options);
};

/** Conversations: the list, one, and the handoff between the bot and staff. */
const conversationRoutes: FastifyPluginAsyncZod = async (app) => {
  const op = routeOptions(['conversations']);
  const read = { permission: 'conversations.conversation.read' };
  const handoff = { permission: 'conversations.conversation.handoff' };

  app.get(
    '/api/conversations',
    op(read, 'Conversations, most recent first', {
      querystring: listQuery,
      response: { 200: z.array(conversationSchema) },
    }),
    async (req) =>
      listConversations(req.ctx, {
        channel: req.query.channel,
        contactId: req.query.contactId,
        paused: req.query.paused === undefined ? undefined : req.query.paused === 'true',
        limit: req.query.limit,
        before: req.query.before ? new Date(req.query.before) : undefined,
      }),
  );

  app.get(
    '/api/conversations/:id',
    op(read, 'One conversation', { params: idParams, response: { 200: conversationSchema } }),
    async (req) => getConversation(req.ctx, req.params.id),
  );

  app.post(
    '/api/conversations/:id/handoff',
    op(handoff, 'Pause the bot for this person (staff take over)', {
      params: idParams,
      response: { 200: conversationSchema },
    }),
    async (req) => pauseConversation(req.ctx, req.params.id),
  );

  app.post(
    '/api/conversations/:id/release',
    op({ ...handoff, refuses: [409] }, 'Give the conversation back to the bot', {
      params: idParams,
      response: { 200: conversationSchema },
    }),
    async (req) => releaseConversation(req.ctx, req.params.id),
  );
};
