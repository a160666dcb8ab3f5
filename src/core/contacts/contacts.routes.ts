import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotentCreate } from '../idempotency/index.ts';
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
  const tags = ['contacts'];

  app.get(
    '/api/contacts',
    {
      schema: {
        tags,
        summary: 'Contacts, newest first; search by name or identity',
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(contactSchema), total: z.number().int() }) },
      },
      config: { permission: 'contacts.contact.read' },
    },
    async (req) => listContacts(req.ctx, req.query),
  );

  app.get(
    '/api/contacts/:id',
    {
      schema: { tags, summary: 'One contact', params: idParams, response: { 200: contactSchema } },
      config: { permission: 'contacts.contact.read' },
    },
    async (req) => getContact(req.ctx, req.params.id),
  );

  app.post(
    '/api/contacts',
    {
      schema: {
        tags,
        summary: 'Create a contact (accepts Idempotency-Key)',
        body: createBody,
        response: { 201: contactSchema },
      },
      config: { permission: 'contacts.contact.create', refuses: [409, 422] },
    },
    async (req, reply) => {
      const body = await idempotentCreate(req, { scope: 'contacts.create' }, (tx) =>
        createContact(tx, req.body),
      );
      return reply.status(201).send(body);
    },
  );

  app.patch(
    '/api/contacts/:id',
    {
      schema: {
        tags,
        summary: 'Change name, language or consent',
        params: idParams,
        body: patchBody,
        response: { 200: contactSchema },
      },
      config: { permission: 'contacts.contact.update', refuses: [409] },
    },
    async (req) => updateContact(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/api/contacts/:id/identities',
    {
      schema: {
        tags,
        summary: 'Add a channel identity to a contact',
        params: idParams,
        body: addIdentityBody,
        response: { 200: contactSchema },
      },
      config: { permission: 'contacts.contact.update', refuses: [409] },
    },
    async (req) => addIdentity(req.ctx, { contactId: req.params.id, ...req.body }),
  );

  app.post(
    '/api/contacts/merge',
    {
      schema: {
        tags,
        summary: 'Merge two contacts into one',
        body: mergeBody,
        response: { 200: contactSchema },
      },
      config: { permission: 'contacts.contact.merge', refuses: [404, 409] },
    },
    async (req) => mergeContacts(req.ctx, req.body),
  );
};
