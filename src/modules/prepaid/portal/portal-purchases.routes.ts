import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../../../core/context/index.ts';
import { sendCreated } from '../../../core/idempotency/index.ts';
import { routeOptions } from '../../../platform/http/index.ts';
import { purchaseSchema, quoteSchema } from '../prepaid.contract.ts';
import { PrepaidErrors } from '../prepaid.errors.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import { phoneCountryOf } from '../prepaid.settings.ts';
import { startPurchase } from '../purchases.ts';
import { quoteFor } from '../quotes.ts';
import {
  meterParams,
  orgParam,
  portalPurchaseBody,
  portalPurchaseList,
  portalQuoteQuery,
  purchaseParams,
  sessionHeaders,
} from './portal.contract.ts';
import { normalizePhone } from './portal.rules.ts';
import { portalAuth, portalRouteAccess } from './portal-auth.ts';
import { accountMeter, portalHistory, portalOriginalHistory, portalPurchase } from './portal-views.ts';

const op = routeOptions(['prepaid portal']);

/** The paying phone as the customer typed it (local form included); none typed, null; refused when not a phone. */
async function payingPhone(ctx: Ctx, typed: string | undefined): Promise<string | null> {
  if (!typed) return null;
  const msisdn = normalizePhone(typed, await phoneCountryOf(ctx));
  if (!msisdn) throw PrepaidErrors.phone_invalid({});
  return msisdn;
}

/**
 * What a signed-in portal customer buys: a quote and a purchase by mobile money for one of the
 * account's meters, and the account's purchases with their tokens. Each route reaches only the
 * meters and purchases of the caller's account.
 */
export const portalPurchaseRoutes =
  (rt: PrepaidRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const { sessionRoute } = portalRouteAccess(rt);
    const { signedIn } = portalAuth(rt);

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
        const msisdn = (await payingPhone(ctx, req.body.msisdn)) ?? account.userPhone ?? account.phone ?? '';
        const purchase = { meterId: meter.id, method: req.body.method, ...req.body.amount, msisdn };
        // Keys per account: two customers' keys never meet.
        return sendCreated(req, reply, { ctx, scope: `prepaid.portal.purchase:${account.id}` }, (tx) =>
          startPurchase(tx, rt, { ...purchase, source: 'portal' }),
        );
      },
    );
    app.get(
      '/api/prepaid/portal/:org/purchases',
      op(
        { ...sessionRoute, refuses: [401, 403, 404] as const },
        'My purchases, newest first, with their tokens, and what the original system sold me before the switch',
        { params: orgParam, headers: sessionHeaders, response: { 200: portalPurchaseList } },
      ),
      async (req) => {
        const { ctx, account } = await signedIn(req, 'history');
        const [items, original] = await Promise.all([
          portalHistory(ctx, account.id),
          portalOriginalHistory(ctx, account.id),
        ]);
        return { items, original };
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
