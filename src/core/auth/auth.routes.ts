import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';
import {
  addMemberBody,
  changePasswordBody,
  createTokenBody,
  idParams,
  invitationSchema,
  loginBody,
  memberSchema,
  orgIdParams,
  sessionSchema,
  tokenSchema,
  updateMemberBody,
} from './auth.contract.ts';
import { type AuthHookDeps, type RequestAuth, SESSION_COOKIE, sessionAuth } from './auth.hook.ts';
import type { AuthTables } from './auth.tables.ts';
import { acceptInvitation, declineInvitation, listInvitations } from './invitations.ts';
import type { PermissionSpec } from './permissions.rules.ts';
import { login, logout, resolveSession, switchOrganization } from './sessions.ts';
import { addMember, changePassword, listMembers, updateMember } from './users.ts';

export interface AuthRouteOptions extends AuthHookDeps {
  secureCookies: boolean;
  loginRateLimitPerMinute: number;
}

/** Sign-in, sessions, staff members and API tokens. */
export const authRoutes: FastifyPluginAsyncZod<AuthRouteOptions> = async (app, deps) => {
  const sessionDeps = {
    db: deps.database.db,
    clock: deps.clock,
    events: deps.events,
    settings: deps.settings,
  };
  const tags = ['auth'];

  const describeSession = async (auth: RequestAuth) => {
    const db = deps.database.db.withTables<AuthTables>();
    const user = await db
      .selectFrom('staff_user')
      .select(['id', 'name', 'email', 'locale'])
      .where('id', '=', auth.userId)
      .executeTakeFirstOrThrow();
    const orgs = await db
      .selectFrom('membership as m')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .select(['o.id', 'o.slug', 'o.name', 'o.time_zone', 'o.currency', 'o.languages', 'm.role'])
      .where('m.user_id', '=', auth.userId)
      // Only where the person may work now; pending invitations are listed by /api/invitations.
      .where('m.accepted_at', 'is not', null)
      .where('m.disabled_at', 'is', null)
      .orderBy('o.name')
      .execute();
    const current = orgs.find((o) => o.id === auth.orgId)!;
    return {
      user,
      organization: {
        id: current.id,
        slug: current.slug,
        name: current.name,
        timeZone: current.time_zone,
        currency: current.currency.trim(),
        languages: current.languages,
        modules: [...auth.modules],
      },
      organizations: orgs.map((o) => ({ id: o.id, slug: o.slug, name: o.name, role: o.role })),
      role: auth.role,
      permissions: [...auth.permissions].sort(),
      csrfToken: auth.session?.csrfToken ?? null,
    };
  };

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags,
        summary:
          'Sign in with e-mail and password; sets the session cookie. `org` names the organization ' +
          '(accepting a pending invitation there); without it, the oldest active membership, or the ' +
          'oldest invitation for a person who has no active one yet. Repeated failures from one ' +
          'client for one e-mail refuse that pair for a growing time (429 login_locked).',
        body: loginBody,
        response: { 200: sessionSchema },
      },
      config: {
        public: true,
        rateLimit: { max: deps.loginRateLimitPerMinute, timeWindow: 60_000 },
        refuses: [401, 403, 429],
      },
    },
    async (req, reply) => {
      const { token, session } = await login(sessionDeps, {
        email: req.body.email,
        password: req.body.password,
        orgSlug: req.body.org,
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.secureCookies,
        path: '/',
        maxAge: deps.settings.sessionHours * 3600,
      });
      return describeSession(sessionAuth(session, deps));
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags, summary: 'Sign out', response: { 204: z.null() } } },
    async (req, reply) => {
      if (req.auth?.session) await logout(sessionDeps, req.auth.session.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/session',
    { schema: { tags, summary: 'Who am I', response: { 200: sessionSchema } } },
    async (req) => describeSession(req.auth!),
  );

  app.post(
    '/api/auth/switch-org',
    {
      schema: {
        tags,
        summary: 'Work in another organization',
        body: z.object({ orgId: z.string().uuid() }),
        response: { 200: sessionSchema },
      },
      config: { refuses: [403, 404] },
    },
    async (req) => {
      const session = req.auth?.session;
      if (!session)
        throw PlatformErrors.forbidden({}, { message: 'Only signed-in sessions switch organizations' });
      await switchOrganization(sessionDeps, session, req.body.orgId);
      const next = await resolveSession(sessionDeps, req.cookies[SESSION_COOKIE] ?? '');
      if (!next) throw PlatformErrors.unauthenticated();
      return describeSession(sessionAuth(next, deps));
    },
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags,
        summary: 'Change my password (signs out my other sessions)',
        body: changePasswordBody,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await changePassword(req.ctx, {
        userId: req.auth!.userId,
        currentPassword: req.body.currentPassword,
        newPassword: req.body.newPassword,
        keepSessionId: req.auth!.session?.sessionId,
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/permissions',
    {
      schema: {
        tags,
        summary: 'Every permission, for role and token screens',
        response: { 200: z.array(z.object({ key: z.string(), description: z.string() })) },
      },
    },
    async () => deps.catalog().map((p: PermissionSpec) => ({ key: p.key, description: p.description })),
  );

  app.get(
    '/api/users',
    {
      schema: { tags, summary: 'Staff of my organization', response: { 200: z.array(memberSchema) } },
      config: { permission: 'platform.user.read' },
    },
    async (req) => listMembers(req.ctx),
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags,
        summary:
          'Invite a staff member. Always 201 with the membership in state `invited`, whether or not ' +
          'the e-mail already has an account (the answer never tells): a new e-mail gets an account ' +
          'with the given password; an existing account keeps its own. The person accepts by signing ' +
          'in (see /api/auth/login) or with /api/invitations',
        body: addMemberBody,
        response: { 201: memberSchema },
      },
      config: { permission: 'platform.user.manage', refuses: [403, 409] },
    },
    async (req, reply) =>
      reply.status(201).send(await addMember(req.ctx, { ...req.body, assignerRole: req.auth!.role })),
  );

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
    {
      schema: {
        tags,
        summary:
          'My pending invitations in every organization. Accept one here, or by signing in with ' +
          'its `org`; until then it grants nothing',
        response: { 200: z.array(invitationSchema) },
      },
      config: { refuses: [403] },
    },
    async (req) => listInvitations(invitationDeps, req.auth!.userId),
  );

  app.post(
    '/api/invitations/:orgId/accept',
    {
      schema: {
        tags,
        summary: 'Accept my invitation to an organization; then switch to it with /api/auth/switch-org',
        params: orgIdParams,
        response: { 204: z.null() },
      },
      config: { refuses: [403] },
    },
    async (req, reply) => {
      await acceptInvitation(invitationDeps, { ...ownSession(req.auth), orgId: req.params.orgId });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/invitations/:orgId/decline',
    {
      schema: {
        tags,
        summary: 'Decline my invitation to an organization; it leaves their staff list',
        params: orgIdParams,
        response: { 204: z.null() },
      },
      config: { refuses: [403] },
    },
    async (req, reply) => {
      await declineInvitation(invitationDeps, { ...ownSession(req.auth), orgId: req.params.orgId });
      return reply.status(204).send(null);
    },
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary:
          'Change a role or extra permissions, or disable (in this organization only; signs the ' +
          'member out here and stops their API tokens here)',
        params: idParams,
        body: updateMemberBody,
        response: { 200: memberSchema },
      },
      config: { permission: 'platform.user.manage', refuses: [403, 409] },
    },
    async (req) =>
      updateMember(req.ctx, req.params.id, req.body, {
        assigner: { userId: req.auth!.userId, role: req.auth!.role, permissions: req.auth!.permissions },
        catalog: deps.catalog(),
      }),
  );

  app.get(
    '/api/tokens',
    {
      schema: { tags, summary: 'API tokens of my organization', response: { 200: z.array(tokenSchema) } },
      config: { permission: 'platform.token.manage' },
    },
    async (req) => listApiTokens(req.ctx),
  );

  app.post(
    '/api/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token (the secret is shown once)',
        body: createTokenBody,
        response: { 201: z.object({ token: z.string(), apiToken: tokenSchema }) },
      },
      config: { permission: 'platform.token.manage', refuses: [403] },
    },
    async (req, reply) => {
      const expiresAt = req.body.expiresInDays
        ? new Date(req.ctx.clock.now().getTime() + req.body.expiresInDays * 86_400_000)
        : undefined;
      const { token, view } = await createApiToken(req.ctx, {
        userId: req.auth!.userId,
        name: req.body.name,
        scopes: req.body.scopes,
        expiresAt,
        holderPermissions: req.auth!.permissions,
      });
      return reply.status(201).send({ token, apiToken: view });
    },
  );

  app.delete(
    '/api/tokens/:id',
    {
      schema: { tags, summary: 'Revoke an API token', params: idParams, response: { 204: z.null() } },
      config: { permission: 'platform.token.manage' },
    },
    async (req, reply) => {
      await revokeApiToken(req.ctx, req.params.id);
      return reply.status(204).send(null);
    },
  );
};
