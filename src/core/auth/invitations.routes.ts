import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { invitationSchema, orgIdParams } from './auth.contract.ts';
import type { AuthHookDeps, RequestAuth } from './auth.hook.ts';
import { acceptInvitation, declineInvitation, listInvitations } from './invitations.ts';

/** My invitations to organizations: list, accept, decline. */
export const invitationRoutes: FastifyPluginAsyncZod<AuthHookDeps> = async (app, deps) => {
  const op = routeOptions(['auth']);
  const invitationDeps = { db: deps.database.db, clock: deps.clock, events: deps.events };
  const ownSession = (auth: RequestAuth | undefined) => {
    // Joining an organization is the person's own act, never a program's (API token).
    if (!auth?.session)
      throw PlatformErrors.forbidden({}, { message: 'Only signed-in people answer invitations' });
    return {
      userId: auth.userId,
      actor: { type: 'user' as const, id: auth.userId, label: auth.label },
    };
  };

  app.get(
    '/api/invitations',
    op(
      { refuses: [403] },
      'My pending invitations in every organization. Accept one here, or by signing in with ' +
        'its `org`; until then it grants nothing',
      { response: { 200: z.array(invitationSchema) } },
    ),
    async (req) => listInvitations(invitationDeps, req.auth!.userId),
  );

  app.post(
    '/api/invitations/:orgId/accept',
    op(
      { refuses: [403] },
      'Accept my invitation to an organization; then switch to it with /api/auth/switch-org',
      { params: orgIdParams, response: { 204: z.null() } },
    ),
    async (req, reply) => {
      await acceptInvitation(invitationDeps, { ...ownSession(req.auth), orgId: req.params.orgId });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/invitations/:orgId/decline',
    op({ refuses: [403] }, 'Decline my invitation to an organization; it leaves their staff list', {
      params: orgIdParams,
      response: { 204: z.null() },
    }),
    async (req, reply) => {
      await declineInvitation(invitationDeps, { ...ownSession(req.auth), orgId: req.params.orgId });
      return reply.status(204).send(null);
    },
  );
};
