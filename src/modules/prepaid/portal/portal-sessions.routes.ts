import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CHANNELS, deliverableChannels } from '../../../core/notifications/index.ts';
import { getOrganization } from '../../../core/orgs/index.ts';
import { routeOptions } from '../../../platform/http/index.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import {
  meAnswer,
  mobileTokensAnswer,
  orgParam,
  refreshBody,
  sessionHeaders,
  signInAnswer,
  signInBody,
  vendorAnswer,
  verifyAnswer,
  verifyBody,
} from './portal.contract.ts';
import { portalLanguageOf } from './portal.rules.ts';
import { portalAuth, portalRouteAccess } from './portal-auth.ts';
import {
  portalSessionAccount,
  revokePortalSession,
  sendPortalCode,
  verifyPortalCode,
} from './portal-sessions.ts';
import { portalMeters } from './portal-views.ts';
import { type MobileTokens, refreshMobileTokens } from './refresh-tokens.ts';

const mobileBody = (m: MobileTokens) => ({
  session: m.session,
  expiresAt: m.expiresAt.toISOString(),
  refreshToken: m.refreshToken,
  refreshExpiresAt: m.refreshExpiresAt.toISOString(),
});

const op = routeOptions(['prepaid portal']);

/**
 * The customer portal's sessions, one portal per organization (`/api/prepaid/portal/<org slug>/…`):
 * who sells here, the two sign-in steps (public, rate limited like staff login), a mobile client's
 * refresh, sign-out and the signed-in account. Every route but the public ones authenticates its
 * caller by the portal session it sends (hash looked up, compared in constant time).
 */
export const portalSessionRoutes =
  (rt: PrepaidRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const { signInRoute, sessionRoute } = portalRouteAccess(rt);
    const { orgCtx, signedIn } = portalAuth(rt);

    app.get(
      '/api/prepaid/portal/:org/vendor',
      op(
        { ...sessionRoute, refuses: [404] as const },
        'Who sells here: the organization’s name, which the portal’s header shows before anyone signs in, and its time zone (the day of a purchase is the day there)',
        {
          params: orgParam,
          response: { 200: vendorAnswer },
        },
      ),
      async (req) => {
        const org = await getOrganization(await orgCtx(req));
        return { name: org.name, timeZone: org.timeZone };
      },
    );
    app.post(
      '/api/prepaid/portal/:org/sign-in',
      op(
        { ...signInRoute, refuses: [404, 422] as const },
        'Ask for a one-time code: sent to the account’s channel when phone and meter belong together',
        { params: orgParam, body: signInBody, response: { 202: signInAnswer } },
      ),
      async (req, reply) => {
        const ctx = await orgCtx(req);
        const language = portalLanguageOf(req.body.language, req.headers['accept-language']);
        await sendPortalCode(ctx, rt, { ...req.body, language });
        const deliverable = await deliverableChannels(ctx, rt.deps.outbox);
        return reply
          .status(202)
          .send({ sent: true, undeliverable: CHANNELS.filter((c) => !deliverable.has(c)) });
      },
    );
    app.post(
      '/api/prepaid/portal/:org/verify',
      op(
        { ...signInRoute, refuses: [404, 422] as const },
        'Trade the one-time code for a portal session (shown once); a mobile client also gets a rotating refresh token',
        { params: orgParam, body: verifyBody, response: { 200: verifyAnswer } },
      ),
      async (req) => {
        const ctx = await orgCtx(req);
        if (req.body.client === 'mobile') {
          const m = await verifyPortalCode(ctx, rt, req.body, true);
          const account = await portalSessionAccount(ctx, m.session);
          return { ...mobileBody(m), accountName: account.name, role: account.role };
        }
        const s = await verifyPortalCode(ctx, rt, req.body);
        const account = await portalSessionAccount(ctx, s.token);
        return {
          session: s.token,
          expiresAt: s.expiresAt.toISOString(),
          accountName: account.name,
          role: account.role,
        };
      },
    );
    app.post(
      '/api/prepaid/portal/:org/refresh',
      op(
        { ...sessionRoute, refuses: [401, 404] as const },
        'A mobile client trades its refresh token for a new access session and refresh token (each spent once; a spent one again revokes them all)',
        { params: orgParam, body: refreshBody, response: { 200: mobileTokensAnswer } },
      ),
      async (req) => {
        const ctx = await orgCtx(req);
        return mobileBody(await refreshMobileTokens(ctx, req.body.refreshToken));
      },
    );
    app.post(
      '/api/prepaid/portal/:org/sign-out',
      op(sessionRoute, 'End this portal session', { params: orgParam, headers: sessionHeaders }),
      async (req, reply) => {
        const { ctx, account } = await signedIn(req);
        await revokePortalSession(ctx, account);
        return reply.status(204).send();
      },
    );
    app.get(
      '/api/prepaid/portal/:org/me',
      op(sessionRoute, 'The signed-in account and its meters', {
        params: orgParam,
        headers: sessionHeaders,
        response: { 200: meAnswer },
      }),
      async (req) => {
        const { ctx, account } = await signedIn(req);
        return {
          account: { name: account.name, kind: account.kind, phone: account.phone },
          user: { id: account.userId, name: account.userName, phone: account.userPhone, role: account.role },
          meters: await portalMeters(ctx, account.id),
        };
      },
    );
  };
