import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendCreated } from '../../../core/idempotency/index.ts';
import { routeOptions } from '../../../platform/http/index.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import {
  accountParams,
  newPortalUserBody,
  orgParam,
  portalUserChangeBody,
  portalUserList,
  portalUserSchema,
  sessionHeaders,
  staffUserParams,
  userParams,
} from './portal.contract.ts';
import { portalAuth, portalRouteAccess } from './portal-auth.ts';
import { addPortalUser, changePortalUser, listPortalUsers, removePortalUser } from './portal-users.ts';

/**
 * The people of an account who sign in to the portal, and their roles: managed by the account's
 * owners in the portal (public routes that authenticate by the portal session, owner role only) and
 * by staff on the account's page in the console. The last owner is neither removed nor demoted.
 */
export const portalUsersRoutes =
  (rt: PrepaidRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const { signedIn } = portalAuth(rt);
    const portal = { ...portalRouteAccess(rt).sessionRoute, refuses: [401, 403, 404] as const };
    const op = routeOptions(['prepaid portal']);

    app.get(
      '/api/prepaid/portal/:org/users',
      op(portal, 'The people who sign in to my account, and their roles (owners only)', {
        params: orgParam,
        headers: sessionHeaders,
        response: { 200: portalUserList },
      }),
      async (req) => {
        const { ctx, account } = await signedIn(req, 'users');
        return { items: await listPortalUsers(ctx, account.id) };
      },
    );
    app.post(
      '/api/prepaid/portal/:org/users',
      op(
        { ...portal, refuses: [401, 403, 404, 409, 422] as const },
        'Add a person to my account with a role; they sign in with their own phone (owners only)',
        {
          params: orgParam,
          headers: sessionHeaders,
          body: newPortalUserBody,
          response: { 201: portalUserSchema },
        },
      ),
      async (req, reply) => {
        const { ctx, account } = await signedIn(req, 'users');
        return sendCreated(req, reply, { ctx, scope: `prepaid.portal.user.add:${account.id}` }, (tx) =>
          addPortalUser(tx, account.id, req.body),
        );
      },
    );
    app.patch(
      '/api/prepaid/portal/:org/users/:userId',
      op(
        { ...portal, refuses: [401, 403, 404, 409, 422] as const },
        'Change a person’s role, name or e-mail on my account (owners only; one owner always stays)',
        {
          params: userParams,
          headers: sessionHeaders,
          body: portalUserChangeBody,
          response: { 200: portalUserSchema },
        },
      ),
      async (req) => {
        const { ctx, account } = await signedIn(req, 'users');
        return changePortalUser(ctx, account.id, req.params.userId, req.body);
      },
    );
    app.delete(
      '/api/prepaid/portal/:org/users/:userId',
      op(
        { ...portal, refuses: [401, 403, 404, 409] as const },
        'Remove a person from my account: their sessions end at once (owners only; one owner always stays)',
        { params: userParams, headers: sessionHeaders },
      ),
      async (req, reply) => {
        const { ctx, account } = await signedIn(req, 'users');
        await removePortalUser(ctx, account.id, req.params.userId);
        return reply.status(204).send();
      },
    );

    // Staff: the same on an account's page in the console.
    const tags = ['prepaid'];
    const manage = { permission: 'prepaid.meter.manage' };
    app.get(
      '/api/prepaid/accounts/:id/portal-users',
      {
        schema: {
          tags,
          summary: 'The account’s portal users and their roles',
          params: accountParams,
          response: { 200: portalUserList },
        },
        config: { permission: 'prepaid.meter.read' },
      },
      async (req) => ({ items: await listPortalUsers(req.ctx, req.params.id) }),
    );
    app.post(
      '/api/prepaid/accounts/:id/portal-users',
      {
        schema: {
          tags,
          summary: 'Add a portal user to the account',
          params: accountParams,
          body: newPortalUserBody,
          response: { 201: portalUserSchema },
        },
        config: { ...manage, refuses: [404, 409, 422] },
      },
      async (req, reply) =>
        sendCreated(req, reply, { scope: `prepaid.account.portal-user.add:${req.params.id}` }, (tx) =>
          addPortalUser(tx, req.params.id, req.body),
        ),
    );
    app.patch(
      '/api/prepaid/accounts/:id/portal-users/:userId',
      {
        schema: {
          tags,
          summary: 'Change a portal user’s role, name or e-mail (one owner always stays)',
          params: staffUserParams,
          body: portalUserChangeBody,
          response: { 200: portalUserSchema },
        },
        config: { ...manage, refuses: [404, 409, 422] },
      },
      async (req) => changePortalUser(req.ctx, req.params.id, req.params.userId, req.body),
    );
    app.delete(
      '/api/prepaid/accounts/:id/portal-users/:userId',
      {
        schema: {
          tags,
          summary: 'Remove a portal user: their sessions end at once (one owner always stays)',
          params: staffUserParams,
        },
        config: { ...manage, refuses: [404, 409] },
      },
      async (req, reply) => {
        await removePortalUser(req.ctx, req.params.id, req.params.userId);
        return reply.status(204).send();
      },
    );
  };
