import { defineResource } from '../../../core/resources/index.ts';
import { prepaidColumns } from './prepaid-columns.ts';

/**
 * What the original system (IngufuPay) sold, as the import brought it (issue 51): its payments with
 * the tokens it gave, history beside Opsdesk's own sales. Amounts are the original's to the cent; a
 * meter's page lists its own (filter `meter`), marked as from the original system. A purchase's page
 * refunds it like a native one (issue 62: its Refund panel), and shows what went back.
 */
export const importedPurchasesResource = defineResource({
  name: 'prepaid.imported_purchases',
  label: 'prepaid.menu.importedPurchases',
  path: '/api/prepaid/console/imported-purchases',
  table: 'prepaid_imported_payment',
  idColumn: 'id',
  permission: { read: 'prepaid.purchase.read' },
  auditSubject: 'prepaid_imported_payment',
  titleColumn: 'originalId',
  joins: [
    { table: 'prepaid_meter', on: ['prepaid_meter.id', 'prepaid_imported_payment.meter_id'], kind: 'left' },
    { table: 'prepaid_account', on: ['prepaid_account.id', 'prepaid_imported_payment.account_id'] },
    {
      table: 'prepaid_imported_token',
      on: ['prepaid_imported_token.payment_id', 'prepaid_imported_payment.id'],
      kind: 'left',
    },
  ],
  columns: [
    prepaidColumns.id,
    {
      name: 'originalId',
      column: 'original_id',
      type: 'text',
      label: 'prepaid.fields.originalId',
      searchable: true,
      filter: 'eq',
    },
    prepaidColumns.meter,
    prepaidColumns.account,
    {
      name: 'method',
      type: 'enum',
      label: 'prepaid.fields.method',
      options: ['momo', 'card', 'cash'],
      filter: 'enum',
    },
    {
      name: 'status',
      type: 'enum',
      label: 'prepaid.fields.status',
      options: ['pending', 'success', 'failed'],
      filter: 'enum',
      sortable: true,
    },
    {
      // the original's Decimal(12,2), to the cent (RWF has no minor unit of its own)
      name: 'amount',
      sql: 'round(prepaid_imported_payment.amount_cents / 100.0, 2)',
      type: 'number',
      label: 'prepaid.fields.amount',
    },
    { name: 'currency', type: 'text', label: 'prepaid.fields.currency' },
    {
      // What went back for it since the switch (issue 62), in whole units as every refund
      name: 'refundedMinor',
      column: 'refunded_minor',
      type: 'money',
      currency: { column: 'currency' },
      label: 'prepaid.fields.refunded',
    },
    {
      name: 'externalReference',
      column: 'external_reference',
      type: 'text',
      label: 'prepaid.fields.reference',
      searchable: true,
    },
    {
      name: 'kwh',
      sql: 'round(prepaid_imported_token.units_milli / 1000.0, 3)',
      type: 'number',
      label: 'prepaid.fields.kwh',
    },
    {
      name: 'token',
      table: 'prepaid_imported_token',
      type: 'text',
      label: 'prepaid.fields.token',
      searchable: true,
    },
    {
      name: 'tokenStatus',
      table: 'prepaid_imported_token',
      column: 'status',
      type: 'enum',
      options: ['created', 'delivered', 'cancelled'],
      label: 'prepaid.fields.tokenStatus',
    },
    prepaidColumns.createdAt,
  ],
  defaultSort: { column: 'createdAt', order: 'desc' },
});
