import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { changePasswordBody, loginBody, sessionSchema, signedOutSchema } from './auth.contract.ts';
import { type AuthHookDeps, type RequestAuth, SESSION_COOKIE, sessionAuth } from './auth.hook.ts';
import type { AuthTables } from './auth.tables.ts';
import { modulesRun } from './org-modules.rules.ts';
import { login, logout, resolveSession, switchOrganization } from './sessions.ts';
import { changePassword } from './users.ts';

export interface AuthRouteOptions extends AuthHookDeps {
  secureCookies: boolean;
  loginRateLimitPerMinute: number;
}

/** Sessions: sign in and out, who am I, switch organization, change my password. */
export const sessionRoutes: FastifyPluginAsyncZod<AuthRouteOptions> = async (app, deps) => {
  const sessionDeps = sessionDepsOf(deps);
  const tags = ['auth'];
  const op = routeOptions(tags);

  const describeSession = (auth: RequestAuth) => describeSessionOf(deps, auth);

  app.post(
    '/api/auth/login',
    op(
      {
        public: true,
        rateLimit: { max: deps.loginRateLimitPerMinute, timeWindow: 60_000 },
        refuses: [401, 403, 429],
      },
      'Sign in with e-mail and password; sets the session cookie. `org` names the organization ' +
        '(accepting a pending invitation there); without it, the oldest active membership, or the ' +
        'oldest invitation for a person who has no active one yet. Repeated failures from one ' +
        'client for one e-mail refuse that pair for a growing time (429 login_locked).',
      { body: loginBody, response: { 200: sessionSchema } },
    ),
    async (req, reply) => {
      const { token, session } = await login(sessionDeps, {
        email: req.body.email,
        password: req.body.password,
        orgSlug: req.body.org,
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      reply.setCookie(SESSION_COOKIE, token, sessionCookie(deps));
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
    {
      config: { answersSignedOut: true },
      schema: {
        tags,
        summary: 'Who am I: the session, or `{ signedIn: false }` to a caller with no cookie or token',
        response: { 200: z.union([sessionSchema, signedOutSchema]) },
      },
    },
    async (req) => (req.auth ? describeSession(req.auth) : { signedIn: false as const }),
  );

  app.post(
    '/api/auth/switch-org',
    op({ refuses: [403, 404] }, 'Work in another organization', {
      body: z.object({ orgId: z.string().uuid() }),
      response: { 200: sessionSchema },
    }),
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

  await app.register(passwordRoutes);
};

/** The session cookie: out of scripts' reach, sent on same-site requests, for the session's hours. */
function sessionCookie(deps: AuthRouteOptions) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.secureCookies,
    path: '/',
    maxAge: deps.settings.sessionHours * 3600,
  };
}

/** My password: changing it signs out my other sessions. */
const passwordRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['auth'];
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
};

/** Who the caller is, the organization they work in now, the others they may switch to, and what they may do. */
async function describeSessionOf(deps: AuthRouteOptions, auth: RequestAuth) {
  const db = deps.database.db.withTables<AuthTables>();
  const user = await db
    .selectFrom('staff_user')
    .select(['id', 'name', 'email', 'locale'])
    .where('id', '=', auth.userId)
    .executeTakeFirstOrThrow();
  const orgs = await db
    .selectFrom('membership as m')
    .innerJoin('organization as o', 'o.id', 'm.org_id')
    .select(['o.id', 'o.slug', 'o.name', 'o.time_zone', 'o.currency', 'o.languages', 'o.modules', 'm.role'])
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
    // With the modules each runs: a link to another organization's page can say which one it is.
    organizations: orgs.map((o) => ({
      id: o.id,
      slug: o.slug,
      name: o.name,
      role: o.role,
      modules: modulesRun(o.modules, deps.modules),
    })),
    role: auth.role,
    permissions: [...auth.permissions].sort(),
    csrfToken: auth.session?.csrfToken ?? null,
  };
}

/** What the session use cases need of the auth options. */
const sessionDepsOf = (deps: AuthRouteOptions) => ({
  db: deps.database.db,
  clock: deps.clock,
  events: deps.events,
  settings: deps.settings,
});
