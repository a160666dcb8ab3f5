import { z } from 'zod';
import { phoneReaderOf } from '../../../core/contacts/index.ts';
import { languageOptionLabel } from '../../../core/i18n/index.ts';
import {
  defineResource,
  type ResourceAction,
  type ResourceColumn,
  type ResourceDefinition,
} from '../../../core/resources/index.ts';
import { mergeCustomers } from '../customer-merge.ts';
import { registerCustomer } from '../customers.ts';
import type { ExhibitionRuntime } from '../exhibition.runtime.ts';
import { CUSTOMER_LANGUAGES, type CustomerLanguage } from '../exhibition.tables.ts';
import { customerIdByCode, importedCode } from '../find-customers.ts';
import { customerCodeColumn } from './customer-code.ts';

/** A customer's columns in lists and on its page. */
const CUSTOMER_COLUMNS: ResourceColumn[] = [
  { name: 'id', type: 'id', label: 'exhibition.fields.id', defaultVisible: false },
  customerCodeColumn({ searchable: true, sortable: true }),
  {
    name: 'name',
    type: 'text',
    label: 'exhibition.fields.name',
    searchable: true,
    sortable: true,
    filter: 'contains',
  },
  { name: 'email', type: 'text', label: 'exhibition.fields.email', searchable: true, filter: 'contains' },
  { name: 'phone', type: 'text', label: 'exhibition.fields.phone', searchable: true, filter: 'contains' },
  {
    name: 'language',
    type: 'enum',
    label: 'exhibition.fields.language',
    options: [...CUSTOMER_LANGUAGES],
    optionLabel: languageOptionLabel,
    filter: 'enum',
    defaultVisible: false,
  },
  {
    name: 'exhibition',
    table: 'exhibition_exhibition',
    column: 'name',
    type: 'text',
    label: 'exhibition.fields.exhibition',
    sortable: true,
  },
  {
    name: 'billCount',
    type: 'number',
    label: 'exhibition.fields.billCount',
    sortable: true,
    filter: 'range',
  },
  {
    name: 'totalMinor',
    type: 'money',
    currency: { column: 'currency' },
    label: 'exhibition.fields.total',
    sortable: true,
    filter: 'range',
  },
  {
    name: 'currency',
    table: 'exhibition_exhibition',
    type: 'text',
    label: 'exhibition.fields.currency',
    defaultVisible: false,
  },
  {
    name: 'createdAt',
    type: 'datetime',
    label: 'exhibition.fields.createdAt',
    sortable: true,
    filter: 'range',
  },
];

/** What staff do to customers from the list or a customer's page. */
function customerActions(rt: ExhibitionRuntime): ResourceAction[] {
  return [
    {
      // On the customer kept: the desk types the duplicate's code (printed on their badge).
      name: 'merge',
      label: 'exhibition.actions.merge',
      bulk: false,
      permission: 'exhibition.customer.merge',
      confirm: true,
      // Any text: a code that fails its check character is refused by core codes with its own message.
      input: z.object({ duplicateCode: z.string().trim().min(1).max(20) }),
      run: async (ctx, id, input) => {
        const { duplicateCode } = input as { duplicateCode: string };
        await mergeCustomers(ctx, rt, id, await customerIdByCode(ctx, duplicateCode));
      },
    },
  ];
}

/**
 * Customers with bill count and total; duplicates merge by code. A CSV import registers each row,
 * with a dry run; it e-mails the welcome (code and QR) only when asked, counting those it would send.
 */
export function customersResource(rt: ExhibitionRuntime): ResourceDefinition {
  return defineResource({
    name: 'exhibition.customers',
    label: 'exhibition.menu.customers',
    path: '/api/exhibition/console/customers',
    table: 'exhibition_customer',
    idColumn: 'id',
    quickFind: true,
    permission: { read: 'exhibition.customer.read', import: 'exhibition.customer.register' },
    auditSubject: 'exhibition_customer',
    joins: [
      {
        table: 'exhibition_exhibition',
        on: ['exhibition_exhibition.id', 'exhibition_customer.exhibition_id'],
      },
    ],
    columns: CUSTOMER_COLUMNS,
    defaultSort: { column: 'createdAt', order: 'desc' },
    actions: customerActions(rt),
    import: {
      columns: [
        { name: 'exhibitionId', required: true, schema: z.string().uuid() },
        { name: 'name', required: true, schema: z.string().trim().min(1).max(200) },
        { name: 'email', required: true, schema: z.string().trim().min(3).max(254) },
        {
          // Checked in the dry run too, naming the column and what to write (not "identity not valid"):
          // a local number is read in the organization's country, whose example the refusal gives.
          name: 'phone',
          required: true,
          schema: z.string().trim().max(32),
          schemaFor: async (ctx) =>
            z
              .string()
              .trim()
              .max(32)
              .pipe((await phoneReaderOf(ctx)).schema),
        },
        { name: 'language', required: false, schema: z.enum(CUSTOMER_LANGUAGES).optional() },
        {
          // The customer ID the original system gave (on their badge and e-mailed QR): kept as their code.
          name: 'code',
          required: false,
          schema: z
            .string()
            .optional()
            .transform((v, ctx) => {
              if (v === undefined) return undefined;
              const code = importedCode(v);
              if (code === undefined)
                ctx.addIssue({
                  code: 'custom',
                  message: 'is not a customer code: 4 to 20 letters A–Z and digits, like AB12CD34',
                });
              return code;
            }),
        },
      ],
      // Every row has an e-mail address: each new customer would get one welcome e-mail.
      messagesFor: () => 1,
      createRow: async (ctx, row, { notify }) => {
        await registerCustomer(ctx, rt, {
          exhibitionId: String(row.exhibitionId),
          name: String(row.name),
          email: String(row.email),
          phone: String(row.phone),
          ...(row.language ? { language: row.language as CustomerLanguage } : {}),
          ...(row.code ? { code: String(row.code) } : {}),
          via: 'import',
          welcome: notify,
        });
      },
    },
  });
}
