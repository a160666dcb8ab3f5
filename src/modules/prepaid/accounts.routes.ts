import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { phoneReaderOf } from '../../core/contacts/index.ts';
import { sendCreated } from '../../core/idempotency/index.ts';
import { personMessagesQuery, personMessagesSchema } from '../../core/notifications/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { accountMessages } from './account-messages.ts';
import { createAccount } from './accounts.ts';
import { accountSchema, idParams, newAccountSchema } from './prepaid.contract.ts';
import { PrepaidErrors } from './prepaid.errors.ts';
import { prepaidSettingsOf } from './prepaid.settings.ts';

const op = routeOptions(['prepaid']);

/** Household and institution accounts: who owns meters and is told of their sales. */
export const accountRoutes = (): FastifyPluginAsyncZod => async (app) => {
  app.post(
    '/api/prepaid/accounts',
    op({ permission: 'prepaid.meter.manage', refuses: [422] }, 'Create a household or institution account', {
      body: newAccountSchema,
      response: { 201: accountSchema },
    }),
    async (req, reply) => {
      return sendCreated(req, reply, { scope: 'prepaid.account.create' }, async (tx) => {
        // A local number (`0788 000 111`) is read in the operator's country, as the portal reads it.
        const reader = await phoneReaderOf(tx, (await prepaidSettingsOf(tx)).phoneCountry);
        const phone = req.body.phone === undefined ? null : (reader.readOrUndefined(req.body.phone) ?? null);
        if (phone === null && req.body.phone !== undefined) throw PrepaidErrors.phone_invalid({});
        const a = await createAccount(tx, { ...req.body, phone });
        return { id: a.id, kind: a.kind, name: a.name, channel: a.channel };
      });
    },
  );
  app.get(
    '/api/prepaid/accounts/:id/messages',
    op(
      'prepaid.meter.read',
      "The messages sent to an account's owner on every channel, newest first, with delivery state; SMS with parts, encoding and cost",
      { params: idParams, querystring: personMessagesQuery, response: { 200: personMessagesSchema } },
    ),
    async (req) => accountMessages(req.ctx, req.params.id, req.query),
  );
};
