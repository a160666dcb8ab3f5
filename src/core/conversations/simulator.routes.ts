import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeOptions } from '../../platform/http/index.ts';
import { getOrganization } from '../orgs/index.ts';
import { simulatorBody, simulatorHistorySchema, simulatorReply } from './conversations.contract.ts';
import type { ConversationsRuntime } from './conversations.runtime.ts';
import { simulateMessage, simulatorHistory } from './simulator.ts';

/** The simulator: a test contact writes to a flow, reads its history, and picks among the flows. */
export const simulatorRoutes: FastifyPluginAsyncZod<{ runtime: ConversationsRuntime }> = async (
  app,
  { runtime },
) => {
  const op = routeOptions(['conversations']);
  const simulate = { permission: 'conversations.simulator.use' };

  app.post(
    '/api/conversations/simulator/messages',
    op(
      { ...simulate, refuses: [404, 409] },
      'Send a message to a flow as a test contact; answers with the replies',
      { body: simulatorBody, response: { 200: simulatorReply } },
    ),
    async (req) => simulateMessage(req.ctx, runtime, req.body),
  );

  app.get(
    '/api/conversations/simulator/:contactKey',
    op(simulate, "A test contact's conversation and history", {
      params: z.object({ contactKey: simulatorBody.shape.contactKey }),
      response: { 200: simulatorHistorySchema },
    }),
    async (req) => simulatorHistory(req.ctx, req.params.contactKey),
  );

  app.get(
    '/api/conversations/flows',
    op(simulate, 'Flows the simulator can run', { response: { 200: z.array(z.string()) } }),
    async (req) => runtime.flowNamesFor(await getOrganization(req.ctx)),
  );
};
