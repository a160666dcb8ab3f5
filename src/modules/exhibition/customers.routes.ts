import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendCreated } from '../../core/idempotency/index.ts';
import {
  deliverableChannels,
  personMessagesQuery,
  personMessagesSchema,
} from '../../core/notifications/index.ts';
import { verifyPassOnline } from '../../core/pass-issuer/index.ts';
import { publicBaseUrl, routeOptions } from '../../platform/http/index.ts';
import { findDuplicates, mergeCustomers } from './customer-merge.ts';
import { customerMessages } from './customer-messages.ts';
import { CUSTOMER_PASS_SUBJECT, customerPassQrPng } from './customer-pass.ts';
import { getCustomer, registerCustomer, resendWelcome } from './customers.ts';
import { customerSchema, idParams, newCustomerSchema, toCustomerJson } from './exhibition.contract.ts';
import { ExhibitionErrors } from './exhibition.errors.ts';
import type { ExhibitionRuntime } from './exhibition.runtime.ts';
import { findCustomerByCode, followMerge, searchCustomers } from './find-customers.ts';

const op = routeOptions(['exhibition']);

/** Customers: find, register, look up by code or pass, merge duplicates, resend the welcome. */
export const customerRoutes =
  (rt: ExhibitionRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(customerLookupRoutes);
    await app.register(customerRegistrationRoutes(rt));
    await app.register(customerDuplicateRoutes(rt));
  };

const find = { permission: 'exhibition.customer.find' };

/** Finding a customer at the desk: by name, phone, e-mail or code, by a scanned pass, or by id. */
const customerLookupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/exhibition/exhibitions/:id/customers',
    op(find, 'Find customers by name, phone, e-mail or code', {
      params: idParams,
      querystring: z.object({ q: z.string().trim().min(1).max(100) }),
      response: { 200: z.array(customerSchema) },
    }),
    async (req) => (await searchCustomers(req.ctx, req.params.id, req.query.q)).map(toCustomerJson),
  );
  app.get(
    '/api/exhibition/customers/by-code/:code',
    op(find, 'The customer with a typed code (a typo in the code answers 400)', {
      params: z.object({ code: z.string().min(1).max(40) }),
      response: { 200: customerSchema },
    }),
    async (req) => toCustomerJson(await findCustomerByCode(req.ctx, req.params.code)),
  );
  app.post(
    '/api/exhibition/customers/by-pass',
    op(
      { ...find, refuses: [422] },
      'The customer whose QR pass was scanned (signature and revocation checked)',
      { body: z.object({ pass: z.string().min(1).max(400) }), response: { 200: customerSchema } },
    ),
    async (req) => {
      const verdict = await verifyPassOnline(req.ctx, req.body.pass);
      if (!verdict.ok || verdict.pass.subject.type !== CUSTOMER_PASS_SUBJECT)
        throw ExhibitionErrors.pass_invalid({
          reason: verdict.ok ? 'not_a_customer_pass' : verdict.reason,
        });
      return toCustomerJson(await followMerge(req.ctx, await getCustomer(req.ctx, verdict.pass.subject.id)));
    },
  );
  app.get(
    '/api/exhibition/customers/:id/messages',
    op(
      find,
      'The messages sent to a customer on every channel, newest first, with delivery state; SMS with parts, encoding and cost',
      { params: idParams, querystring: personMessagesQuery, response: { 200: personMessagesSchema } },
    ),
    async (req) => customerMessages(req.ctx, req.params.id, req.query),
  );
  app.get(
    '/api/exhibition/customers/:id',
    op(find, 'A customer with the running tab', { params: idParams, response: { 200: customerSchema } }),
    async (req) => toCustomerJson(await getCustomer(req.ctx, req.params.id)),
  );
};

/** Registering a customer, showing their pass, and sending the welcome again. */
const customerRegistrationRoutes =
  (rt: ExhibitionRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/exhibition/customers',
      op(
        { permission: 'exhibition.customer.register', refuses: [409, 422] },
        'Register a customer with a phone or an e-mail (at least one): code, signed QR pass and the welcome, by e-mail or, without one, the code and badge link by SMS (`welcomeDeliverable`: false when that channel cannot leave this server)',
        {
          body: newCustomerSchema,
          response: { 201: customerSchema.extend({ welcomeDeliverable: z.boolean() }) },
        },
      ),
      async (req, reply) => {
        // The desk says "on its way" only when it is; otherwise what to set up. Asked outside the
        // registration's transaction (on PGlite the chat channels' account lookup waits on it).
        const channel = (req.body.email ?? '').trim() === '' ? 'sms' : 'email';
        const welcomeDeliverable = (await deliverableChannels(req.ctx, rt.deps.outbox)).has(channel);
        return sendCreated(req, reply, { scope: 'exhibition.register' }, async (tx) => ({
          ...toCustomerJson(
            await registerCustomer(tx, rt, {
              ...req.body,
              publicUrl: publicBaseUrl(req, rt.deps.config.OPSDESK_PUBLIC_URL),
            }),
          ),
          welcomeDeliverable,
        }));
      },
    );
    app.get(
      '/api/exhibition/customers/:id/pass.png',
      op(
        'exhibition.customer.register',
        "The QR of a customer's pass, as a PNG to show them: a working pass, issued and audited",
        { params: idParams },
      ),
      async (req, reply) => {
        const customer = await getCustomer(req.ctx, req.params.id);
        const png = await customerPassQrPng(req.ctx, { secretKey: rt.secretKey, customerId: customer.id });
        // Signed anew on each request: a cached copy would outlive a reissued pass.
        return reply.type('image/png').header('cache-control', 'no-store').send(Buffer.from(png));
      },
    );
    app.post(
      '/api/exhibition/customers/:id/resend',
      op(
        { permission: 'exhibition.customer.register', refuses: [422] },
        'Queue the welcome again: the e-mail, or the SMS to a customer without e-mail (422: neither an e-mail nor a phone)',
        {
          params: idParams,
          response: { 200: customerSchema },
        },
      ),
      async (req) =>
        toCustomerJson(
          await resendWelcome(
            req.ctx,
            rt,
            req.params.id,
            publicBaseUrl(req, rt.deps.config.OPSDESK_PUBLIC_URL),
          ),
        ),
    );
  };

/** Customers that look like the same person, and merging them. */
const customerDuplicateRoutes =
  (rt: ExhibitionRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/exhibition/exhibitions/:id/duplicates',
      op(
        'exhibition.customer.read',
        'Customers that look like the same person (same e-mail or phone), to merge',
        {
          params: idParams,
          response: {
            200: z.array(
              z.object({
                first: customerSchema,
                second: customerSchema,
                matches: z.array(z.enum(['email', 'phone'])),
              }),
            ),
          },
        },
      ),
      async (req) =>
        (await findDuplicates(req.ctx, req.params.id)).map((p) => ({
          first: toCustomerJson(p.first),
          second: toCustomerJson(p.second),
          matches: p.matches,
        })),
    );
    app.post(
      '/api/exhibition/customers/:id/merge',
      op(
        { permission: 'exhibition.customer.merge', refuses: [409, 422] },
        'Merge a duplicate into this customer: its bills and tab move here (kept, marked merged)',
        {
          params: idParams,
          body: z.object({ duplicateId: z.string().uuid() }),
          response: { 200: customerSchema },
        },
      ),
      async (req) => toCustomerJson(await mergeCustomers(req.ctx, rt, req.params.id, req.body.duplicateId)),
    );
  };
