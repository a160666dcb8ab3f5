import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { routeOptions } from '../../platform/http/index.ts';
import { sendCreated } from '../idempotency/index.ts';
import { pageSchema } from '../resources/index.ts';
import { addIdentity } from './add-identity.ts';
import {
  addIdentityBody,
  contactSchema,
  createBody,
  idParams,
  listQuery,
  mergeBody,
  patchBody,
} from './contacts.contract.ts';
import { createContact } from './create-contact.ts';
import { getContact } from './get-contact.ts';
import { listContacts } from './list-contacts.ts';
import { mergeContacts } from './merge-contacts.ts';
import { updateContact } from './update-contact.ts';

/** `/api/contacts`: people the organization serves, with their channel identities. */
export const contactsRoutes: FastifyPluginAsyncZod = async (app) => {
  const op = routeOptions(['contacts']);

  app.get(
    '/api/contacts',
    op('contacts.contact.read', 'Contacts, newest first; search by name or identity', {
      querystring: listQuery,
      response: { 200: pageSchema(contactSchema) },
    }),
    async (req) => listContacts(req.ctx, req.query),
  );

  app.get(
    '/api/contacts/:id',
    op('contacts.contact.read', 'One contact', { params: idParams, response: { 200: contactSchema } }),
    async (req) => getContact(req.ctx, req.params.id),
  );

  app.post(
    '/api/contacts',
    op(
      { permission: 'contacts.contact.create', refuses: [409, 422] },
      'Create a contact (accepts Idempotency-Key)',
      { body: createBody, response: { 201: contactSchema } },
    ),
    async (req, reply) =>
      sendCreated(req, reply, { scope: 'contacts.create' }, (tx) => createContact(tx, req.body)),
  );

  app.patch(
    '/api/contacts/:id',
    op({ permission: 'contacts.contact.update', refuses: [409] }, 'Change name, language or consent', {
      params: idParams,
      body: patchBody,
      response: { 200: contactSchema },
    }),
    async (req) => updateContact(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/api/contacts/:id/identities',
    op({ permission: 'contacts.contact.update', refuses: [409] }, 'Add a channel identity to a contact', {
      params: idParams,
      body: addIdentityBody,
      response: { 200: contactSchema },
    }),
    async (req) => addIdentity(req.ctx, { contactId: req.params.id, ...req.body }),
  );

  app.post(
    '/api/contacts/merge',
    op({ permission: 'contacts.contact.merge', refuses: [404, 409] }, 'Merge two contacts into one', {
      body: mergeBody,
      response: { 200: contactSchema },
    }),
    async (req) => mergeContacts(req.ctx, req.body),
  );
};
