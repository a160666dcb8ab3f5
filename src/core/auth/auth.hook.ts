import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Clock } from '../../platform/clock/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { failedAuthLimit } from '../../platform/http/index.ts';
import type { ActorRef, Ctx, Events } from '../context/index.ts';
import { resolveApiToken } from './api-tokens.ts';
import { modulesRun, permissionsForModules } from './org-modules.rules.ts';
import { organizationRuns } from './org-modules.ts';
import { type PermissionSpec, permissionsOf, type Role } from './permissions.rules.ts';
import { resolveSession, type SessionInfo, type SessionSettings } from './sessions.ts';

export const SESSION_COOKIE = 'opsdesk_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Who is calling, resolved once per request from the session cookie or a bearer token. */
export interface RequestAuth {
  kind: 'session' | 'token';
  userId: string;
  orgId: string;
  role: Role;
  permissions: ReadonlySet<string>;
  /** The enabled modules the organization runs. */
  modules: readonly string[];
  label: string;
  session?: SessionInfo;
  tokenId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth?: RequestAuth;
    /**
     * The use-case context of the request: a staff caller's, or the one `actIn` made for a public
     * route; throws `unauthenticated` otherwise.
     */
    readonly ctx: Ctx;
    /**
     * A public route names the organization its caller resolves to (a device's or meter's token, a
     * portal's slug, a raffle's id) and gets the context it acts in. A route of a module that
     * organization does not run answers 404 here, as a path that exists nowhere, before it acts.
     */
    actIn(orgId: string, actor: ActorRef): Promise<Ctx>;
  }
  interface FastifyContextConfig {
    /** Permission the route needs (`raffle.order.confirm`). */
    permission?: string;
    /** The module that declared the route: it answers 404 to an organization that does not run it. */
    module?: string;
    /**
     * A module's route that answers in every organization of the caller, running the module or not: it
     * names the person, not the organization (the exhibition booth page asks which of the person's
     * organizations have booths while signed in to one without any, issue 66).
     */
    anyOrganization?: boolean;
    /**
     * The route answers a caller who presents no credential at all itself (`GET /api/auth/session`
     * says "signed out"): a browser's first visit asks who it is without a failed request (issue 66).
     * A cookie or token that does not work is still refused.
     */
    answersSignedOut?: boolean;
  }
}

export interface AuthHookDeps {
  database: Database;
  clock: Clock;
  events: Events;
  settings: SessionSettings;
  catalog: () => ReadonlyArray<PermissionSpec>;
  /** The modules the deployment enables (`OPSDESK_MODULES`). */
  modules: readonly string[];
  /** Distinct session cookies and API tokens that may fail from one address in a minute (issue 40). */
  authFailuresPerMinute: number;
}

/**
 * Every route is private unless its own config says `public`: the caller is resolved from the
 * session cookie (with CSRF on writes) or a bearer token, and `config.permission` adds a check.
 */
export function installAuth(app: FastifyInstance, deps: AuthHookDeps): void {
  const sessionDeps = {
    db: deps.database.db,
    clock: deps.clock,
    events: deps.events,
    settings: deps.settings,
  };
  // Each unknown cookie or token is a lookup: guessing them is limited per address (issue 40).
  const guessing = failedAuthLimit(app, { maxPerMinute: deps.authFailuresPerMinute, clock: deps.clock });
  decorateRequests(app, deps);
  const refuse = refusalsCounted(app);

  // onRequest, so an anonymous or unauthorized caller is refused before the body is parsed or
  // validated: nobody learns a private route's schema from its 400s.
  app.addHook('onRequest', async (req) => {
    // Decided on the matched route (the router's decoded path), never on the URL text.
    if (req.is404 || req.routeOptions.config.public) return;
    await admit(req).catch((refusal) => refuse(req, refusal));
  });

  /** The caller of a private route, resolved and checked against the route's module and permission. */
  async function admit(req: FastifyRequest): Promise<void> {
    req.auth = await authenticate(req);
    if (!req.auth && req.routeOptions.config.answersSignedOut && !req.cookies?.[SESSION_COOKIE]) return;
    if (!req.auth) throw PlatformErrors.unauthenticated();
    // A module the organization does not run has no routes there: as for a path that exists nowhere.
    const module = moduleOf(req, deps.modules);
    if (module && !req.routeOptions.config.anyOrganization && !req.auth.modules.includes(module))
      throw noSuchRoute(req);
    const permission = req.routeOptions.config.permission;
    if (permission && !req.auth.permissions.has(permission)) {
      throw PlatformErrors.forbidden({ permission });
    }
  }

  /**
   * A request that presents no credential at all counts as a failure too (once per window, as a
   * repeated credential does): `GET /api/auth/session` asked anonymously is a failed authentication.
   */
  async function authenticate(req: FastifyRequest): Promise<RequestAuth | undefined> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer) {
      const token = await guessing.authenticate(req, bearer, () => resolveApiToken(sessionDeps, bearer));
      if (!token) {
        throw PlatformErrors.unauthenticated({}, { message: 'The API token is unknown, expired or revoked' });
      }
      const modules = modulesRun(token.orgModules, deps.modules);
      const held = permissionsForModules(
        permissionsOf(token.role, token.extraPermissions, deps.catalog()),
        deps.modules,
        modules,
      );
      return {
        kind: 'token',
        userId: token.userId,
        orgId: token.orgId,
        role: token.role,
        permissions: new Set(token.scopes.filter((s) => held.has(s))),
        modules,
        label: `token ${token.name}`,
        tokenId: token.tokenId,
      };
    }
    const cookie = req.cookies?.[SESSION_COOKIE] || undefined;
    const session = await guessing.authenticate(req, cookie, async () =>
      cookie ? resolveSession(sessionDeps, cookie) : undefined,
    );
    if (!session) return undefined;
    if (!SAFE_METHODS.has(req.method)) assertCsrf(req, session.csrfToken);
    return sessionAuth(session, deps);
  }
}

/** `req.auth`, `req.ctx` (the caller's use-case context, made once per request) and `req.actIn`. */
function decorateRequests(app: FastifyInstance, deps: AuthHookDeps): void {
  const ctxCache = new WeakMap<FastifyRequest, Ctx>();

  const contextOf = (req: FastifyRequest, orgId: string, actor: ActorRef): Ctx => {
    const ctx: Ctx = {
      orgId,
      db: deps.database.forOrg(orgId),
      clock: deps.clock,
      events: deps.events,
      requestId: String(req.id),
      actor,
    };
    ctxCache.set(req, ctx);
    return ctx;
  };

  app.decorateRequest('auth', undefined);
  app.decorateRequest('ctx', {
    getter(this: FastifyRequest) {
      const ctx = ctxCache.get(this);
      if (ctx) return ctx;
      const auth = this.auth;
      if (!auth) throw PlatformErrors.unauthenticated();
      return contextOf(this, auth.orgId, {
        type: auth.kind === 'token' ? 'token' : 'user',
        id: auth.tokenId ?? auth.userId,
        label: auth.label,
      });
    },
  });
  app.decorateRequest('actIn', async function actIn(this: FastifyRequest, orgId: string, actor: ActorRef) {
    const module = moduleOf(this, deps.modules);
    if (module && !(await organizationRuns(deps.database.db, orgId, module))) throw noSuchRoute(this);
    return contextOf(this, orgId, actor);
  });
}

/** The enabled module that declared the matched route, if any. */
function moduleOf(req: FastifyRequest, modules: readonly string[]): string | undefined {
  const module = req.routeOptions.config.module;
  return module && modules.includes(module) ? module : undefined;
}

/**
 * The app's general limit per address (OPSDESK_RATE_LIMIT_PER_MINUTE) counts a route's requests in a
 * hook of the route, which runs after the auth hook: a request refused there was never counted, so an
 * anonymous caller could ask `GET /api/auth/session` without end (issue 55 item 10). A refusal counts
 * on the same counter instead; past the limit it is answered 429 like any request.
 */
function refusalsCounted(app: FastifyInstance): (req: FastifyRequest, refusal: unknown) => Promise<never> {
  const general = app.createRateLimit();
  return async (req, refusal) => {
    const state = await general(req);
    if (!state.isAllowed && state.isExceeded)
      throw PlatformErrors.rate_limited(
        { retryAfterSeconds: Math.max(1, state.ttlInSeconds) },
        { message: `Rate limit of ${state.max} per minute reached` },
      );
    throw refusal;
  };
}

/** What a path that exists nowhere answers; so does a route of a module the organization does not run. */
const noSuchRoute = (req: FastifyRequest) =>
  PlatformErrors.route_not_found({}, { message: `No route ${req.method} ${req.url.split('?')[0]}` });

/**
 * A plugin whose routes all carry `config.module`, so they answer 404 to an organization that does
 * not run that module: a staff caller's in the auth hook, a public route's once it names the
 * organization it acts in (`req.actIn`). Only a name the deployment enables as a module gates anything.
 */
export function routesOfModule(module: string, routes: FastifyPluginAsync): FastifyPluginAsync {
  return async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, module };
    });
    await scope.register(routes);
  };
}

/** The request identity of a signed-in session, with only the permissions of the modules its organization runs. */
export function sessionAuth(
  session: SessionInfo,
  deps: Pick<AuthHookDeps, 'catalog' | 'modules'>,
): RequestAuth {
  const modules = modulesRun(session.orgModules, deps.modules);
  return {
    kind: 'session',
    userId: session.userId,
    orgId: session.orgId,
    role: session.role,
    permissions: permissionsForModules(
      permissionsOf(session.role, session.extraPermissions, deps.catalog()),
      deps.modules,
      modules,
    ),
    modules,
    label: session.email,
    session,
  };
}

function assertCsrf(req: FastifyRequest, expected: string): void {
  const given = req.headers['x-csrf-token'];
  const a = Buffer.from(typeof given === 'string' ? given : '');
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw PlatformErrors.csrf_failed();
}
