import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../../platform/clock/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { PlatformErrors } from '../../platform/errors/index.ts';
import type { Ctx, Events } from '../context/index.ts';
import { resolveApiToken } from './api-tokens.ts';
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
  label: string;
  session?: SessionInfo;
  tokenId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth?: RequestAuth;
    /** The use-case context of an authenticated request; throws `unauthenticated` otherwise. */
    readonly ctx: Ctx;
  }
  interface FastifyContextConfig {
    /** Permission the route needs (`raffle.order.confirm`). */
    permission?: string;
  }
}

export interface AuthHookDeps {
  database: Database;
  clock: Clock;
  events: Events;
  settings: SessionSettings;
  catalog: () => ReadonlyArray<PermissionSpec>;
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
  const ctxCache = new WeakMap<FastifyRequest, Ctx>();

  app.decorateRequest('auth', undefined);
  app.decorateRequest('ctx', {
    getter(this: FastifyRequest) {
      const auth = this.auth;
      if (!auth) throw PlatformErrors.unauthenticated();
      let ctx = ctxCache.get(this);
      if (!ctx) {
        ctx = {
          orgId: auth.orgId,
          db: deps.database.forOrg(auth.orgId),
          clock: deps.clock,
          events: deps.events,
          requestId: String(this.id),
          actor: {
            type: auth.kind === 'token' ? 'token' : 'user',
            id: auth.tokenId ?? auth.userId,
            label: auth.label,
          },
        };
        ctxCache.set(this, ctx);
      }
      return ctx;
    },
  });

  // onRequest, so an anonymous or unauthorized caller is refused before the body is parsed or
  // validated: nobody learns a private route's schema from its 400s.
  app.addHook('onRequest', async (req) => {
    // Decided on the matched route (the router's decoded path), never on the URL text.
    if (req.is404 || req.routeOptions.config.public) return;
    req.auth = await authenticate(req);
    if (!req.auth) throw PlatformErrors.unauthenticated();
    const permission = req.routeOptions.config.permission;
    if (permission && !req.auth.permissions.has(permission)) {
      throw PlatformErrors.forbidden({ permission });
    }
  });

  async function authenticate(req: FastifyRequest): Promise<RequestAuth | undefined> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer) {
      const token = await resolveApiToken(sessionDeps, bearer);
      if (!token) {
        throw PlatformErrors.unauthenticated({}, { message: 'The API token is unknown, expired or revoked' });
      }
      const held = permissionsOf(token.role, token.extraPermissions, deps.catalog());
      return {
        kind: 'token',
        userId: token.userId,
        orgId: token.orgId,
        role: token.role,
        permissions: new Set(token.scopes.filter((s) => held.has(s))),
        label: `token ${token.name}`,
        tokenId: token.tokenId,
      };
    }
    const cookie = req.cookies?.[SESSION_COOKIE];
    if (!cookie) return undefined;
    const session = await resolveSession(sessionDeps, cookie);
    if (!session) return undefined;
    if (!SAFE_METHODS.has(req.method)) assertCsrf(req, session.csrfToken);
    return sessionAuth(session, deps.catalog());
  }
}

/** The request identity of a signed-in session. */
export function sessionAuth(session: SessionInfo, catalog: ReadonlyArray<PermissionSpec>): RequestAuth {
  return {
    kind: 'session',
    userId: session.userId,
    orgId: session.orgId,
    role: session.role,
    permissions: permissionsOf(session.role, session.extraPermissions, catalog),
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
