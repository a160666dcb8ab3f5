import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readTypedPhone } from '../../core/contacts/index.ts';
import { sendCreated } from '../../core/idempotency/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import {
  idParams,
  newPurchaseSchema,
  purchaseSchema,
  quoteQuerySchema,
  quoteSchema,
} from './prepaid.contract.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import { phoneCountryOf } from './prepaid.settings.ts';
import { getPurchase } from './purchase-view.ts';
import { startPurchase } from './purchases.ts';
import { quoteFor } from './quotes.ts';

const op = routeOptions(['prepaid']);

/** Selling units: the quote a customer is given, the purchase (cash, MoMo or Airtel) and its token. */
export const purchaseRoutes =
  (rt: PrepaidRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/prepaid/meters/:id/quote',
      op(
        { permission: 'prepaid.meter.read', refuses: [404, 409] },
        'Units for an amount, or the amount for units, with the tier breakdown',
        { params: idParams, querystring: quoteQuerySchema, response: { 200: quoteSchema } },
      ),
      async (req) => quoteFor(req.ctx, req.params.id, req.query),
    );
    app.post(
      '/api/prepaid/purchases',
      op(
        { permission: 'prepaid.purchase.create', refuses: [404, 409, 422] },
        'Buy units: request to pay by MoMo/Airtel, or cash taken by staff (token at once)',
        { body: newPurchaseSchema, response: { 201: purchaseSchema } },
      ),
      async (req, reply) => {
        const { meterId, method, amount, msisdn } = req.body;
        return sendCreated(req, reply, { scope: 'prepaid.purchase.create' }, async (tx) =>
          startPurchase(tx, rt, {
            meterId,
            method,
            amountMinor: amount.amountMinor,
            currency: amount.currency,
            // The payer's number as staff type it (`0788 000 111`), read in the operator's country
            // (one read of the organization, issue 64: it was read twice); one that reads as no
            // number goes on as typed, for the payment to refuse as before.
            msisdn: msisdn && (readTypedPhone(msisdn, await phoneCountryOf(tx)) ?? msisdn),
          }),
        );
      },
    );
    app.get(
      '/api/prepaid/purchases/:id',
      op('prepaid.purchase.read', 'One purchase, with its token once paid', {
        params: idParams,
        response: { 200: purchaseSchema },
      }),
      async (req) => getPurchase(req.ctx, req.params.id),
    );
  };
