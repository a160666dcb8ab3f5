import { z } from 'zod';
import {
  defineResource,
  type ResourceAction,
  type ResourceColumn,
  type ResourceDefinition,
} from '../resources/index.ts';
import { shortReferenceColumn } from './payment-reference.ts';
import { payerSearchSql, paymentWordsById } from './payment-words.ts';
import { canTransition, PAYMENT_METHODS, PAYMENT_STATUSES, type PaymentStatus } from './payments.rules.ts';
import type { PurposeLabeler } from './purpose-label.ts';
import { purposeTypeLabel } from './purpose-type-label.ts';
import { denyPayment, verifyPayment } from './review-proof-payment.ts';

/** What a payment was: who paid and for what (in the purpose's module's words), when, how much, how and where it stands. */
const PAID_COLUMNS: ResourceColumn[] = [
  { name: 'id', type: 'id', label: 'payments.fields.id', defaultVisible: false, recordPage: false },
  // What a receipt prints and a person quotes (`3F2B-8C1E`): the search finds a payment by it.
  { ...shortReferenceColumn('payment', 'payments.fields.reference'), defaultVisible: false },
  {
    name: 'title',
    type: 'message',
    filled: true,
    label: 'payments.fields.title',
    defaultVisible: false,
    recordPage: false,
  },
  // On the payment's page its review panel says both, beside the proof.
  // Found by the search as each purpose's module knows its payers (searchAlso), though worded after the query.
  { name: 'payerName', type: 'text', filled: true, label: 'payments.fields.payerName', recordPage: false },
  { name: 'payerPhone', type: 'text', filled: true, label: 'payments.fields.payerPhone' },
  { name: 'record', type: 'message', filled: true, label: 'payments.fields.record', recordPage: false },
  {
    name: 'createdAt',
    type: 'datetime',
    label: 'payments.fields.createdAt',
    sortable: true,
    filter: 'range',
  },
  {
    name: 'amount',
    column: 'amount_minor',
    type: 'money',
    currency: { column: 'currency' },
    label: 'payments.fields.amount',
    sortable: true,
    filter: 'range',
  },
  {
    name: 'currency',
    type: 'text',
    label: 'payments.fields.currency',
    defaultVisible: false,
    filter: 'eq',
  },
  {
    name: 'method',
    type: 'enum',
    label: 'payments.fields.method',
    options: PAYMENT_METHODS,
    sortable: true,
    filter: 'enum',
  },
  {
    name: 'status',
    type: 'enum',
    label: 'payments.fields.status',
    options: PAYMENT_STATUSES,
    sortable: true,
    filter: 'enum',
  },
];

/** What a payment pays for (one filter option per purpose type the modules declare) and who paid, with the proof. */
function purposeAndPayerColumns(purposeTypes: () => readonly string[]): ResourceColumn[] {
  return [
    {
      name: 'purposeType',
      type: 'enum',
      label: 'payments.fields.purposeType',
      options: purposeTypes,
      optionLabel: purposeTypeLabel,
      sortable: true,
      filter: 'enum',
      // The record's own words (Pays for) say it in the list; the type stays a filter.
      defaultVisible: false,
    },
    {
      name: 'purposeId',
      type: 'text',
      label: 'payments.fields.purposeId',
      searchable: true,
      defaultVisible: false,
      recordPage: false,
    },
    {
      name: 'externalReference',
      type: 'text',
      label: 'payments.fields.externalReference',
      searchable: true,
      filter: 'contains',
    },
    {
      name: 'payer',
      column: 'payer_msisdn',
      type: 'text',
      label: 'payments.fields.payer',
      searchable: true,
      defaultVisible: false,
      // The payer's phone says it, with the module's number where no money was asked of one.
      recordPage: false,
    },
    {
      name: 'likelyDuplicate',
      sql: 'cardinality(payment.duplicate_of_payment_ids) > 0',
      type: 'boolean',
      label: 'payments.fields.likelyDuplicate',
      filter: 'boolean',
    },
    {
      name: 'proofFileId',
      type: 'id',
      label: 'payments.fields.proof',
      defaultVisible: false,
      recordPage: false,
    },
    {
      name: 'denialReason',
      type: 'text',
      label: 'payments.fields.denialReason',
      defaultVisible: false,
    },
  ];
}

/** What staff do to a payment from the list or its page. */
const paymentActions: ResourceAction[] = [
  {
    name: 'verify',
    label: 'payments.actions.verify',
    bulk: true,
    confirm: true,
    permission: 'payments.payment.verify',
    // Offered where the payment machine allows it: a proof waiting for review.
    availableWhen: (payment) => canTransition(payment.status as PaymentStatus, 'verified'),
    run: async (ctx, id) => {
      await verifyPayment(ctx, { paymentId: id });
    },
  },
  {
    name: 'deny',
    label: 'payments.actions.deny',
    bulk: true,
    confirm: true,
    permission: 'payments.payment.verify',
    input: z.object({ reason: z.string().trim().min(1).max(500) }),
    availableWhen: (payment) => canTransition(payment.status as PaymentStatus, 'denied'),
    run: async (ctx, id, input) => {
      await denyPayment(ctx, { paymentId: id, reason: (input as { reason: string }).reason });
    },
  },
];

/**
 * The payments screen: every payment of every module with its status, method and purpose; staff
 * verify proofs in bulk or deny one with a reason. Likely duplicates are a filterable column.
 * `purposeTypes` are the types the enabled modules declare (`purposeLabel`), read once the app has
 * started: the purpose is a filter with one option per type, each in words.
 */
export const paymentsResourceOf = (deps: {
  purposeTypes: () => readonly string[];
  purposeLabels: () => ReadonlyArray<PurposeLabeler>;
}): ResourceDefinition =>
  defineResource({
    name: 'payments.payments',
    label: 'payments.menu.payments',
    path: '/api/payments/records',
    table: 'payment',
    idColumn: 'id',
    auditSubject: 'payment',
    permission: { read: 'payments.payment.read' },
    titleColumn: 'title',
    // "Benítez" or a phone typed in the search finds the payments that person made.
    searchAlso: (ctx, word) => payerSearchSql(ctx, deps.purposeLabels(), word),
    fillColumns: async (ctx, items) => {
      const words = await paymentWordsById(
        ctx,
        deps.purposeLabels(),
        items.map((i) => String(i.id)),
      );
      return new Map(
        [...words].map(([id, w]) => [
          id,
          { title: w.title, payerName: w.payer, payerPhone: w.phone, record: w.record },
        ]),
      );
    },
    // The record's page names what a payment pays for and who paid in words, with the proof large
    // (its review panel): the payment's, the purpose's and the proof's ids stay off it.
    columns: [...PAID_COLUMNS, ...purposeAndPayerColumns(deps.purposeTypes)],
    defaultSort: { column: 'createdAt', order: 'desc' },
    actions: paymentActions,
  });
