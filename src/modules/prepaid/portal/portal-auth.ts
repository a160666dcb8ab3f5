import type { FastifyRequest } from 'fastify';
import type { Ctx } from '../../../core/context/index.ts';
import { findOrganizationBySlug } from '../../../core/orgs/index.ts';
import { PrepaidErrors } from '../prepaid.errors.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import { type PortalAction, portalMay } from './portal.rules.ts';
import { portalSessionAccount } from './portal-sessions.ts';

/** The header the portal sends its session's bearer value in (no cookie, so no CSRF to forge). */
export const PORTAL_SESSION_HEADER = 'x-portal-session';

/** What a portal route knows of its request: the organization's slug in its path, and its headers. */
type PortalRequest = Pick<FastifyRequest, 'actIn' | 'headers'> & { params: { org: string } };

/**
 * How portal routes are opened: public (each finds its caller itself) and rate limited, the steps
 * that send or trade a one-time code like staff login, the others like any API route.
 */
export function portalRouteAccess(rt: PrepaidRuntime) {
  const { config } = rt.deps;
  return {
    signInRoute: {
      public: true,
      rateLimit: { max: config.OPSDESK_LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: 60_000 },
    },
    sessionRoute: {
      public: true,
      rateLimit: { max: config.OPSDESK_RATE_LIMIT_PER_MINUTE, timeWindow: 60_000 },
      refuses: [401, 404] as const,
    },
  };
}

/** How portal routes find their organization and their signed-in account. */
export function portalAuth(rt: PrepaidRuntime) {
  /**
   * The organization's context, acting as the portal (a customer has no staff identity): a contact
   * whose id is `portal` (`portal:<user id>` once signed in) and whose label is only data (a name),
   * so history can say "Portal: …" in the reader's language (`od.audit.portal_actor`). An
   * organization that does not run prepaid has no portal: 404, as a path that exists nowhere.
   */
  async function orgCtx(req: PortalRequest, name = ''): Promise<Ctx> {
    const org = await findOrganizationBySlug(rt.deps.database.db, req.params.org);
    if (!org) throw PrepaidErrors.portal_not_found({});
    return req.actIn(org.id, { type: 'contact', id: 'portal', label: name });
  }
  /**
   * The signed-in account and user, and a context acting as them; refused (403) when the user's
   * role does not allow what the route does (`portalMay`).
   */
  async function signedIn(req: PortalRequest, action: PortalAction = 'see') {
    const ctx = await orgCtx(req);
    const header = req.headers[PORTAL_SESSION_HEADER];
    const account = await portalSessionAccount(ctx, typeof header === 'string' ? header : undefined);
    if (!portalMay(account.role, action))
      throw PrepaidErrors.portal_role_forbidden({ role: account.role, action });
    const actor = {
      type: 'contact',
      id: `portal:${account.userId}`,
      label: `${account.userName} (${account.name})`,
    } as const;
    return { account, ctx: { ...ctx, actor } };
  }
  return { orgCtx, signedIn };
}
