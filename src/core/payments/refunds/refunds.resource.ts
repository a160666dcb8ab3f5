import { z } from 'zod';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import {
  defineResource,
  type ResourceAction,
  type ResourceColumn,
  type ResourceDefinition,
} from '../../resources/index.ts';
import type { PaymentDeps } from '../payment-deps.ts';
import { shortReferenceColumn } from '../payment-reference.ts';
import type { PurposeLabeler } from '../purpose-label.ts';
import { purposeTypeLabel } from '../purpose-type-label.ts';
import { approveRefund, rejectRefund, retryRefund } from './decide-refund.ts';
import { refundWords } from './refund-words.ts';
import { canMoveRefund, REFUND_METHODS, REFUND_STATUSES, type RefundStatus } from './refunds.rules.ts';
import type { RefundRejectionDeps } from './tell-refund-rejected.ts';

/** A refund's status in words of its own (`sent` is "Sent, checking", `succeeded` "Paid back"). */
const refundStatusLabel = (status: string) => `payments.refundStatus.${status}`;

type RefundsDeps = {
  purposeTypes: () => readonly string[];
  purposeLabels: () => ReadonlyArray<PurposeLabeler>;
  jobs: JobQueue;
  declared: PaymentDeps['declared'] & RefundRejectionDeps['declared'];
};

/**
 * The refunds list (`GET /api/refunds`, its CSV at `/api/refunds/export.csv`): every refund of every
 * module with the person paid back and the record it had paid for (in the module's words, linked to
 * the record's page; issue 62), its amount, method, status and reason; filters by status, method,
 * purpose and date. Approve, reject and retry are its actions (the two-person rule holds on each).
 */
export const refundsResourceOf = (deps: RefundsDeps): ResourceDefinition =>
  defineResource({
    name: 'payments.refunds',
    label: 'payments.menu.refunds',
    path: '/api/refunds',
    table: 'payment_refund',
    idColumn: 'id',
    auditSubject: 'payment_refund',
    // A refund's entries are written in its payment's history (`refundId` in each).
    auditTrail: { subjectType: 'payment', subjectField: 'paymentId', afterField: 'refundId' },
    permission: { read: 'payments.refund.read' },
    joins: [{ table: 'payment', on: ['payment.id', 'payment_refund.payment_id'] }],
    titleColumn: 'title',
    // Who is paid back and for what, as the purpose's module words it: asked once per page.
    fillColumns: (ctx, items) =>
      refundWords(
        ctx,
        deps.purposeLabels(),
        items.map((i) => String(i.id)),
      ),
    columns: refundColumns(deps.purposeTypes),
    defaultSort: { column: 'createdAt', order: 'desc' },
    actions: refundActions(deps),
  });

/** A refund as the list and its page show it: to whom and for what first, then how much, how and where it stands. */
function refundColumns(purposeTypes: () => readonly string[]): ResourceColumn[] {
  return [
    ...WHO_AND_HOW_MUCH,
    {
      name: 'purposeType',
      table: 'payment',
      column: 'purpose_type',
      type: 'enum',
      label: 'payments.fields.purposeType',
      options: purposeTypes,
      optionLabel: purposeTypeLabel,
      sortable: true,
      filter: 'enum',
      defaultVisible: false,
      // The record's own words say it on the refund's page.
      recordPage: false,
    },
    ...HOW_IT_WENT,
  ];
}

/** When, to whom, for what, how much, how and where a refund stands. */
const WHO_AND_HOW_MUCH: ResourceColumn[] = [
  { name: 'id', type: 'id', label: 'payments.fields.id', defaultVisible: false },
  // The refund receipt's reference (`3F2B-8C1E`): the search finds a refund by it.
  { ...shortReferenceColumn('payment_refund', 'payments.refundFields.reference'), defaultVisible: false },
  {
    name: 'title',
    type: 'message',
    filled: true,
    label: 'payments.refundFields.title',
    defaultVisible: false,
    recordPage: false,
  },
  {
    name: 'createdAt',
    type: 'datetime',
    label: 'payments.fields.createdAt',
    sortable: true,
    filter: 'range',
  },
  { name: 'payer', type: 'text', filled: true, label: 'payments.refundFields.payer' },
  { name: 'record', type: 'message', filled: true, label: 'payments.refundFields.record' },
  {
    name: 'amount',
    column: 'amount_minor',
    type: 'money',
    currency: { column: 'currency' },
    label: 'payments.refundFields.amount',
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
    label: 'payments.refundFields.method',
    options: REFUND_METHODS,
    sortable: true,
    filter: 'enum',
  },
  {
    name: 'status',
    type: 'enum',
    label: 'payments.refundFields.status',
    options: REFUND_STATUSES,
    optionLabel: refundStatusLabel,
    sortable: true,
    filter: 'enum',
  },
  {
    name: 'reason',
    type: 'text',
    label: 'payments.refundFields.reason',
    searchable: true,
    filter: 'contains',
  },
];

/** The payment it gives back and how its sending went. */
const HOW_IT_WENT: ResourceColumn[] = [
  { name: 'paymentId', type: 'id', label: 'payments.refundFields.payment', defaultVisible: false },
  { name: 'attempt', type: 'number', label: 'payments.refundFields.attempt', defaultVisible: false },
  { name: 'failureReason', type: 'text', label: 'payments.refundFields.failureReason' },
  {
    name: 'providerReference',
    type: 'text',
    label: 'payments.refundFields.providerReference',
    searchable: true,
    defaultVisible: false,
  },
  {
    name: 'succeededAt',
    type: 'datetime',
    label: 'payments.refundFields.succeededAt',
    sortable: true,
    filter: 'range',
    defaultVisible: false,
  },
];

/** Approve or reject a refund waiting for a second person, retry a failed one. */
function refundActions(deps: RefundsDeps): ResourceAction[] {
  return [
    {
      name: 'approve',
      label: 'payments.refundActions.approve',
      bulk: false,
      confirm: true,
      permission: 'payments.refund.approve',
      availableWhen: (r) => r.status === 'awaiting_approval',
      run: async (ctx, id, _input, caller) => {
        await approveRefund(ctx, deps, { refundId: id, staff: { role: caller.role, userId: caller.userId } });
      },
    },
    {
      name: 'reject',
      label: 'payments.refundActions.reject',
      bulk: false,
      confirm: true,
      permission: 'payments.refund.approve',
      input: z.object({ reason: z.string().trim().min(1).max(500) }),
      availableWhen: (r) => r.status === 'awaiting_approval',
      run: async (ctx, id, input) => {
        await rejectRefund(ctx, deps, { refundId: id, reason: (input as { reason: string }).reason });
      },
    },
    {
      name: 'retry',
      label: 'payments.refundActions.retry',
      bulk: false,
      confirm: true,
      permission: 'payments.refund.create',
      availableWhen: (r) => canMoveRefund(r.status as RefundStatus, 'pending') && r.status === 'failed',
      run: async (ctx, id) => {
        await retryRefund(ctx, deps, { refundId: id });
      },
    },
  ];
}
