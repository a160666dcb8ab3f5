import type { Selectable } from 'kysely';
import type { ActorRef } from '../../context/index.ts';
import { type Money, money } from '../../money/index.ts';
import type { RefundMethod, RefundStatus } from './refunds.rules.ts';
import type { PaymentRefundTable } from './refunds.tables.ts';

/** A refund as use cases, hooks and the API see it. */
export interface Refund {
  id: string;
  orgId: string;
  paymentId: string;
  amount: Money;
  method: RefundMethod;
  status: RefundStatus;
  reason: string;
  providerReference: string | null;
  providerTransactionId: string | null;
  providerStatus: string | null;
  failureReason: string | null;
  attempt: number;
  requestedBy: ActorRef;
  /** The person behind the request and the approval (the two-person rule compares them). */
  requestedByUser: string | null;
  approvedByUser: string | null;
  approvedBy: ActorRef | null;
  decidedBy: ActorRef | null;
  rejectionReason: string | null;
  /** What the purpose's module was asked to do with its record (`RefundOptions`). */
  options: Record<string, unknown>;
  checkCount: number;
  nextCheckAt: Date | null;
  /** Until when a claimed send's provider call may still be running (another process may wait on it). */
  inFlightUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
  approvedAt: Date | null;
  sentAt: Date | null;
  succeededAt: Date | null;
  failedAt: Date | null;
  rejectedAt: Date | null;
}

export type RefundRow = Selectable<PaymentRefundTable>;

export function toRefund(row: RefundRow): Refund {
  return {
    id: row.id,
    orgId: row.org_id,
    paymentId: row.payment_id,
    amount: money(Number(row.amount_minor), row.currency.trim()),
    method: row.method,
    status: row.status,
    reason: row.reason,
    providerReference: row.provider_reference,
    providerTransactionId: row.provider_transaction_id,
    providerStatus: row.provider_status,
    failureReason: row.failure_reason,
    attempt: row.attempt,
    requestedBy: row.requested_by,
    requestedByUser: row.requested_by_user,
    approvedByUser: row.approved_by_user,
    approvedBy: row.approved_by,
    decidedBy: row.decided_by,
    rejectionReason: row.rejection_reason,
    options: row.purpose_options ?? {},
    checkCount: row.check_count,
    nextCheckAt: row.next_check_at,
    inFlightUntil: row.in_flight_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    approvedAt: row.approved_at,
    sentAt: row.sent_at,
    succeededAt: row.succeeded_at,
    failedAt: row.failed_at,
    rejectedAt: row.rejected_at,
  };
}

/** What the audit trail keeps of a refund (no payer number, no provider ids beyond our reference). */
export function refundSnapshot(refund: Refund): Record<string, unknown> {
  return {
    paymentId: refund.paymentId,
    amount: refund.amount,
    method: refund.method,
    status: refund.status,
    reason: refund.reason,
    attempt: refund.attempt,
    failureReason: refund.failureReason,
    rejectionReason: refund.rejectionReason,
  };
}
