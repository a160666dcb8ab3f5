import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendCreated } from '../../../core/idempotency/index.ts';
import { CHANNELS, deliverableChannels } from '../../../core/notifications/index.ts';
import { getOrganization } from '../../../core/orgs/index.ts';
import { routeOptions } from '../../../platform/http/index.ts';
import { purchaseSchema, quoteSchema } from '../prepaid.contract.ts';
import { PrepaidErrors } from '../prepaid.errors.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import { phoneCountryOf } from '../prepaid.settings.ts';
import { startPurchase } from '../purchases.ts';
import { quoteFor } from '../quotes.ts';
import {
  meAnswer,
  meterParams,
  mobileTokensAnswer,
  orgParam,
  portalPurchaseBody,
  portalPurchaseList,
  portalQuoteQuery,
  purchaseParams,
  refreshBody,
  sessionHeaders,
  signInAnswer,
  signInBody,
  verifyAnswer,
  verifyBody,
} from './portal.contract.ts';
import { normalizePhone } from './portal.rules.ts';
import { PORTAL_SESSION_HEADER, portalAuth, portalRouteAccess } from './portal-auth.ts';
import {
  portalSessionAccount,
  revokePortalSession,
  sendPortalCode,
  verifyPortalCode,
} from './portal-sessions.ts';
import { accountMeter, portalHistory, portalMeters, portalPurchase } from './portal-views.ts';
import { type MobileTokens, refreshMobileTokens } from './refresh-tokens.ts';

export { PORTAL_SESSION_HEADER };

const mobileBody = (m: MobileTokens) => ({
  session: m.session,
  expiresAt: m.expiresAt.toISOString(),
  refreshToken: m.refreshToken,
  refreshExpiresAt: m.refreshExpiresAt.toISOString(),
});

const op = routeOptions(['prepaid portal']);

/**
 * The customer portal's API, one per organization (`/api/prepaid/portal/<org slug>/…`). Public
 * routes: the two sign-in steps are rate limited like staff login; every other route authenticates
 * its caller by the portal session it sends (hash looked up, compared in constant time), and
 * reaches only that account's meters and purchases.
 */
export const portalRoutes =
  (rt: PrepaidRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const { signInRoute, sessionRoute } = portalRouteAccess(rt);
    const { orgCtx, signedIn } = portalAuth(rt);

    app.get(
      '/api/prepaid/portal/:org/vendor',
      op(
        { ...sessionRoute, refuses: [404] as const },
        'Who sells here: the organization’s name, which the portal’s header shows before anyone signs in',
        { params: orgParam, response: { 200: z.object({ name: z.string() }) } },
      ),
      async (req) => ({ name: (await getOrganization(await orgCtx(req))).name }),
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
        await sendPortalCode(ctx, rt, req.body);
        const deliverable = await deliverableChannels(ctx, rt.deps.declared);
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
    app.get(
      '/api/prepaid/portal/:org/meters/:meterId/quote',
      op(
        { ...sessionRoute, refuses: [401, 403, 404, 409] as const },
        'Units for an amount, or the amount for units, on one of my meters',
        {
          params: meterParams,
          headers: sessionHeaders,
          querystring: portalQuoteQuery,
          response: { 200: quoteSchema },
        },
      ),
      async (req) => {
        const { ctx, account } = await signedIn(req, 'buy');
        const meter = await accountMeter(ctx, account.id, req.params.meterId);
        return quoteFor(ctx, meter.id, req.query);
      },
    );
    app.post(
      '/api/prepaid/portal/:org/purchases',
      op(
        { ...sessionRoute, refuses: [401, 403, 404, 409, 422] as const },
        'Buy units for one of my meters by mobile money (the prompt comes to the payer’s phone)',
        {
          params: orgParam,
          headers: sessionHeaders,
          body: portalPurchaseBody,
          response: { 201: purchaseSchema },
        },
      ),
      async (req, reply) => {
        const { ctx, account } = await signedIn(req, 'buy');
        const meter = await accountMeter(ctx, account.id, req.body.meterId);
        // The paying phone as the customer types it, local form included.
        const msisdn = req.body.msisdn ? normalizePhone(req.body.msisdn, await phoneCountryOf(ctx)) : null;
        if (req.body.msisdn && !msisdn) throw PrepaidErrors.phone_invalid({});
        return sendCreated(
          req,
          reply, // per account: two customers' keys never meet
          { ctx, scope: `prepaid.portal.purchase:${account.id}` },
          (tx) =>
            startPurchase(tx, rt, {
              meterId: meter.id,
              method: req.body.method,
              amountMinor: req.body.amount.amountMinor,
              currency: req.body.amount.currency,
              msisdn: msisdn ?? account.userPhone ?? account.phone ?? '',
              source: 'portal',
            }),
        );
      },
    );
    app.get(
      '/api/prepaid/portal/:org/purchases',
      op(
        { ...sessionRoute, refuses: [401, 403, 404] as const },
        'My purchases, newest first, with their tokens',
        { params: orgParam, headers: sessionHeaders, response: { 200: portalPurchaseList } },
      ),
      async (req) => {
        const { ctx, account } = await signedIn(req, 'history');
        return { items: await portalHistory(ctx, account.id) };
      },
    );
    app.get(
      '/api/prepaid/portal/:org/purchases/:purchaseId',
      op(
        { ...sessionRoute, refuses: [401, 403, 404] as const },
        'One of my purchases, with its token once paid',
        { params: purchaseParams, headers: sessionHeaders, response: { 200: purchaseSchema } },
      ),
      async (req) => {
        const { ctx, account } = await signedIn(req, 'history');
        return portalPurchase(ctx, account.id, req.params.purchaseId);
      },
    );
  };
