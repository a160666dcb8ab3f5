import {
  defineResource,
  type ResourceAction,
  type ResourceColumn,
  type ResourceDefinition,
} from '../../../core/resources/index.ts';
import { PAYMENT_FAILURE_KINDS, paymentFailureKindSql } from '../payment-failure.rules.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import { resendToken } from '../token-messages.ts';
import { prepaidColumns } from './prepaid-columns.ts';

/** A purchase's columns in lists and on its page. */
const PURCHASE_COLUMNS: ResourceColumn[] = [
  prepaidColumns.id,
  prepaidColumns.meter,
  prepaidColumns.account,
  {
    name: 'method',
    type: 'enum',
    label: 'prepaid.fields.method',
    options: ['momo', 'airtel', 'cash'],
    filter: 'enum',
  },
  {
    name: 'source',
    type: 'enum',
    label: 'prepaid.fields.source',
    options: ['staff', 'portal', 'chat'],
    filter: 'enum',
  },
  {
    name: 'status',
    type: 'enum',
    label: 'prepaid.fields.status',
    options: ['pending', 'paid', 'failed'],
    filter: 'enum',
    sortable: true,
  },
  {
    name: 'amountMinor',
    type: 'money',
    currency: { column: 'currency' },
    label: 'prepaid.fields.amount',
    sortable: true,
    filter: 'range',
  },
  { name: 'currency', type: 'text', label: 'prepaid.fields.currency', defaultVisible: false },
  {
    // What went back for it (issue 62): the status stays paid, the token keeps working.
    name: 'refundedMinor',
    column: 'refunded_minor',
    type: 'money',
    currency: { column: 'currency' },
    label: 'prepaid.fields.refunded',
    sortable: true,
    filter: 'range',
  },
  {
    name: 'refundedAt',
    column: 'refunded_at',
    type: 'datetime',
    label: 'prepaid.fields.refundedAt',
    sortable: true,
    defaultVisible: false,
  },
  {
    name: 'payerMsisdn',
    column: 'payer_msisdn',
    type: 'text',
    label: 'prepaid.fields.payer',
    searchable: true,
    filter: 'eq',
  },
  {
    name: 'kwh',
    sql: 'round(prepaid_purchase.units_tenths / 10.0, 1)',
    type: 'number',
    label: 'prepaid.fields.kwh',
  },
  {
    name: 'token',
    table: 'prepaid_token',
    type: 'text',
    label: 'prepaid.fields.token',
    searchable: true,
  },
  {
    name: 'keyedInAt',
    table: 'prepaid_token',
    column: 'keyed_in_at',
    type: 'datetime',
    label: 'prepaid.fields.keyedInAt',
    sortable: true,
  },
  {
    // Why it failed in the reader's words, as the counter says it; never the provider's text.
    name: 'failureReason',
    sql: paymentFailureKindSql('prepaid_purchase.failure_reason'),
    type: 'enum',
    options: PAYMENT_FAILURE_KINDS,
    optionLabel: (kind) => `prepaid.counter.failure.${kind}`,
    label: 'prepaid.fields.failureReason',
    defaultVisible: false,
  },
  prepaidColumns.createdAt,
];

/** What staff do to a purchase from its page. */
function purchaseActions(rt: PrepaidRuntime): ResourceAction[] {
  return [
    {
      name: 'resend-token',
      label: 'prepaid.actions.resendToken',
      bulk: false,
      confirm: true,
      permission: 'prepaid.purchase.create',
      availableWhen: (p) => p.status === 'paid',
      run: async (ctx, id) => {
        await resendToken(ctx, rt, id);
      },
    },
  ];
}

/** Purchases with their payment state and token; a paid one can have its token sent again. */
export function purchasesResource(rt: PrepaidRuntime): ResourceDefinition {
  return defineResource({
    name: 'prepaid.purchases',
    label: 'prepaid.menu.purchases',
    path: '/api/prepaid/console/purchases',
    table: 'prepaid_purchase',
    idColumn: 'id',
    permission: { read: 'prepaid.purchase.read' },
    auditSubject: 'prepaid_purchase',
    titleColumn: 'meter',
    joins: [
      { table: 'prepaid_meter', on: ['prepaid_meter.id', 'prepaid_purchase.meter_id'] },
      { table: 'prepaid_account', on: ['prepaid_account.id', 'prepaid_meter.account_id'] },
      { table: 'prepaid_token', on: ['prepaid_token.purchase_id', 'prepaid_purchase.id'], kind: 'left' },
    ],
    columns: PURCHASE_COLUMNS,
    defaultSort: { column: 'createdAt', order: 'desc' },
    actions: purchaseActions(rt),
  });
}
