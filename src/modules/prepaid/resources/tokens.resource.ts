import { defineResource } from '../../../core/resources/index.ts';
import { prepaidColumns } from './prepaid-columns.ts';

/** Where an issued token stands, as reporting meters tell it. */
export const TOKEN_STATES = ['keyed_in', 'waiting', 'unused'] as const;

/**
 * The console's token list: every token issued, whether its meter reported keying it in, and the
 * ones flagged as left unused too long (`unused-tokens.ts`). A record is the sale's token, keyed
 * by the purchase, so its page shows the sale's audit trail (issued, keyed in, flagged).
 */
export const tokensResource = defineResource({
  name: 'prepaid.tokens',
  label: 'prepaid.menu.tokens',
  path: '/api/prepaid/console/tokens',
  table: 'prepaid_token',
  idColumn: 'purchase_id',
  permission: { read: 'prepaid.purchase.read' },
  auditSubject: 'prepaid_purchase',
  titleColumn: 'token',
  joins: [{ table: 'prepaid_meter', on: ['prepaid_meter.id', 'prepaid_token.meter_id'] }],
  columns: [
    {
      name: 'id',
      column: 'purchase_id',
      type: 'id',
      label: 'prepaid.fields.purchase',
      defaultVisible: false,
    },
    prepaidColumns.meter,
    {
      name: 'meterId',
      column: 'meter_id',
      type: 'id',
      label: 'prepaid.fields.meter',
      filter: 'eq',
      defaultVisible: false,
    },
    { name: 'token', type: 'text', label: 'prepaid.fields.token', searchable: true },
    { name: 'count', type: 'number', label: 'prepaid.fields.tokenCount', sortable: true },
    {
      name: 'kwh',
      sql: 'round(prepaid_token.units_tenths / 10.0, 1)',
      type: 'number',
      label: 'prepaid.fields.kwh',
    },
    {
      name: 'state',
      sql: "(case when prepaid_token.keyed_in_at is not null then 'keyed_in' when prepaid_token.unused_flagged_at is not null then 'unused' else 'waiting' end)",
      type: 'enum',
      label: 'prepaid.fields.tokenState',
      options: TOKEN_STATES,
      // `waiting` is already a meter request's status in the catalog: token states have their own words.
      optionLabel: (value) => `prepaid.tokenStates.${value}`,
      filter: 'enum',
    },
    {
      name: 'createdAt',
      type: 'datetime',
      label: 'prepaid.fields.issuedAt',
      sortable: true,
      filter: 'range',
    },
    {
      // Valid until (issue 66): the organization's tokenValidityDays after issue; empty for older tokens.
      name: 'expiresAt',
      type: 'datetime',
      label: 'prepaid.fields.expiresAt',
      sortable: true,
      filter: 'range',
    },
    {
      name: 'keyedInAt',
      type: 'datetime',
      label: 'prepaid.fields.keyedInAt',
      sortable: true,
      filter: 'range',
    },
    {
      name: 'unusedFlaggedAt',
      type: 'datetime',
      label: 'prepaid.fields.unusedFlaggedAt',
      sortable: true,
    },
  ],
  defaultSort: { column: 'createdAt', order: 'desc' },
});
