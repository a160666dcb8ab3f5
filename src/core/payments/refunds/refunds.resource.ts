import { z } from 'zod';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import { defineResource, type ResourceDefinition } from '../../resources/index.ts';
import type { PaymentProvider } from '../payment-provider.ts';
import { approveRefund, rejectRefund, retryRefund } from './decide-refund.ts';
import { canMoveRefund, REFUND_METHODS, REFUND_STATUSES, type RefundStatus } from './refunds.rules.ts';

/**
 * The refunds list (`GET /api/refunds`, its CSV at `/api/refunds/export.csv`): every refund of every
 * module with its amount, method, status, reason and the payment's purpose; filters by status, method,
 * purpose and date. Approve, reject and retry are its actions (the two-person rule holds on each).
 */
export const refundsResourceOf = (deps: {
  purposeTypes: () => readonly string[];
  jobs: JobQueue;
  providers: () => ReadonlyArray<PaymentProvider>;
}): ResourceDefinition =>
  defineResource({
    name: 'payments.refunds',
    label: 'payments.menu.refunds',
    path: '/api/refunds',
    table: 'payment_refund',
    idColumn: 'id',
    auditSubject: 'payment',
    permission: { read: 'payments.refund.read' },
    joins: [{ table: 'payment', on: ['payment.id', 'payment_refund.payment_id'] }],
    columns: [
      { name: 'id', type: 'id', label: 'payments.fields.id', defaultVisible: false },
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
      {
        name: 'purposeType',
        table: 'payment',
        column: 'purpose_type',
        type: 'enum',
        label: 'payments.fields.purposeType',
        options: deps.purposeTypes,
        sortable: true,
        filter: 'enum',
      },
      { name: 'paymentId', type: 'id', label: 'payments.refundFields.payment' },
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
    ],
    defaultSort: { column: 'createdAt', order: 'desc' },
    actions: [
      {
        name: 'approve',
        label: 'payments.refundActions.approve',
        bulk: false,
        confirm: true,
        permission: 'payments.refund.approve',
        availableWhen: (r) => r.status === 'awaiting_approval',
        run: async (ctx, id, _input, caller) => {
          await approveRefund(
            ctx,
            { refundId: id, staff: { role: caller.role, userId: caller.userId } },
            { jobs: deps.jobs, providers: deps.providers() },
          );
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
          await rejectRefund(ctx, { refundId: id, reason: (input as { reason: string }).reason });
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
          await retryRefund(ctx, { refundId: id }, { jobs: deps.jobs, providers: deps.providers() });
        },
      },
    ],
  });
