import { z } from 'zod';
import { languageOptionLabel } from '../i18n/index.ts';
import { defineResource, type ResourceDefinition } from '../resources/index.ts';
import { LANGUAGES } from './contacts.rules.ts';
import { createContact } from './create-contact.ts';
import { phoneReaderOf } from './org-phone.ts';

/**
 * The people the operator serves, as a console list with search (names, phones, e-mails), export and a CSV import
 * (name, language, phone, e-mail). Merged contacts stay findable with the `merged` filter.
 */
export const contactsResource: ResourceDefinition = defineResource({
  name: 'contacts.contacts',
  label: 'contacts.menu.contacts',
  path: '/api/contacts/records',
  table: 'contact',
  idColumn: 'id',
  auditSubject: 'contact',
  // Phones and e-mails are found by search, though the list shows names.
  searchRelated: [
    {
      table: 'contact_identity',
      on: ['contact_identity.contact_id', 'contact.id'],
      columns: ['external_id'],
    },
  ],
  largeTables: ['contact', 'contact_identity'],
  permission: { read: 'contacts.contact.read', import: 'contacts.contact.create' },
  columns: [
    { name: 'id', type: 'id', label: 'contacts.fields.id', defaultVisible: false },
    {
      name: 'displayName',
      type: 'text',
      label: 'contacts.fields.displayName',
      sortable: true,
      searchable: true,
      filter: 'contains',
    },
    {
      name: 'language',
      column: 'preferred_language',
      type: 'enum',
      label: 'contacts.fields.language',
      options: LANGUAGES,
      optionLabel: languageOptionLabel,
      sortable: true,
      filter: 'enum',
    },
    {
      name: 'transactionalOptIn',
      type: 'boolean',
      label: 'contacts.fields.transactionalOptIn',
      filter: 'boolean',
    },
    {
      name: 'marketingOptIn',
      type: 'boolean',
      label: 'contacts.fields.marketingOptIn',
      filter: 'boolean',
    },
    {
      name: 'merged',
      sql: 'contact.merged_into_id is not null',
      type: 'boolean',
      label: 'contacts.fields.merged',
      filter: 'boolean',
      defaultVisible: false,
    },
    {
      name: 'createdAt',
      type: 'datetime',
      label: 'contacts.fields.createdAt',
      sortable: true,
      filter: 'range',
    },
  ],
  defaultSort: { column: 'createdAt', order: 'desc' },
  import: {
    columns: [
      { name: 'displayName', required: true, schema: z.string().trim().min(1).max(200) },
      { name: 'language', required: false, schema: z.enum(LANGUAGES).optional() },
      {
        name: 'phone',
        required: false,
        schema: z.string().trim().max(40).optional(),
        // Checked in the dry run as the run reads it: a local number in the organization's country.
        schemaFor: async (ctx) =>
          z
            .string()
            .trim()
            .max(40)
            .pipe((await phoneReaderOf(ctx)).schema)
            .optional(),
      },
      { name: 'email', required: false, schema: z.string().trim().email().max(254).optional() },
    ],
    async createRow(ctx, row) {
      const r = row as {
        displayName: string;
        language?: (typeof LANGUAGES)[number];
        phone?: string;
        email?: string;
      };
      await createContact(ctx, {
        displayName: r.displayName,
        preferredLanguage: r.language ?? null,
        identities: [
          ...(r.phone ? [{ channel: 'phone' as const, externalId: r.phone }] : []),
          ...(r.email ? [{ channel: 'email' as const, externalId: r.email }] : []),
        ],
      });
    },
  },
});
