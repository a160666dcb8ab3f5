import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import { FRAUD_KINDS } from '../fraud-flags.ts';
import { prepaidColumns } from './prepaid-columns.ts';

/** Purchases the fraud rules flagged, by kind, meter and payer. */
export const flagsResource: ResourceDefinition = defineResource({
  name: 'prepaid.flags',
  label: 'prepaid.menu.flags',
  path: '/api/prepaid/console/flags',
  table: 'prepaid_fraud_flag',
  idColumn: 'id',
  permission: { read: 'prepaid.purchase.read' },
  auditSubject: 'prepaid_purchase',
  titleColumn: 'meterNumber',
  columns: [
    prepaidColumns.id,
    {
      name: 'kind',
      type: 'enum',
      label: 'prepaid.fields.flag',
      options: FRAUD_KINDS,
      filter: 'enum',
      sortable: true,
    },
    {
      name: 'meterNumber',
      column: 'meter_number',
      type: 'text',
      label: 'prepaid.fields.meter',
      searchable: true,
      filter: 'eq',
    },
    {
      name: 'payerMsisdn',
      column: 'payer_msisdn',
      type: 'text',
      label: 'prepaid.fields.payer',
      searchable: true,
      filter: 'eq',
    },
    { name: 'count', type: 'number', label: 'prepaid.fields.flagCount', sortable: true },
    {
      name: 'purchaseId',
      column: 'purchase_id',
      type: 'id',
      label: 'prepaid.fields.purchase',
      filter: 'eq',
    },
    prepaidColumns.createdAt,
  ],
  defaultSort: { column: 'createdAt', order: 'desc' },
});
