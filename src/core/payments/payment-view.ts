import type { Selectable } from 'kysely';
import type { ActorRef } from '../context/index.ts';
import { type Money, money } from '../money/index.ts';
import type { ManualKind, PaymentMethod, PaymentStatus } from './payments.rules.ts';
import type { PaymentTable } from './payments.tables.ts';

/** A payment as use cases, hooks and the API see it. */
export interface Payment {
  id: string;
  orgId: string;
  amount: Money;
  method: PaymentMethod;
  status: PaymentStatus;
  purpose: { type: string; id: string };
  payerContactId: string | null;
  payerMsisdn: string | null;
  providerReference: string | null;
  providerTransactionId: string | null;
  providerStatus: string | null;
  /** What the provider reported when it differed from `amount`. */
  providerAmount: Money | null;
  externalReference: string | null;
  proofFileId: string | null;
  /** Earlier payments with the same proof bytes or external reference: a hint for staff, never a verdict. */
  duplicateOfPaymentIds: string[];
  manualKind: ManualKind | null;
  /** Manual: the staff note. Mobile money: the message shown on the payer's approval prompt. */
  note: string | null;
  denialReason: string | null;
  failureReason: string | null;
  voidReason: string | null;
  createdBy: ActorRef;
  decidedBy: ActorRef | null;
  createdAt: Date;
  updatedAt: Date;
  requestedAt: Date | null;
  deadlineAt: Date | null;
  /** Mobile money: status polls so far, and when the next one is due. */
  checkCount: number;
  nextCheckAt: Date | null;
  lastCheckedAt: Date | null;
  verifiedAt: Date | null;
  deniedAt: Date | null;
  voidedAt: Date | null;
  succeededAt: Date | null;
  failedAt: Date | null;
  mismatchAt: Date | null;
}

export type PaymentRow = Selectable<PaymentTable>;

export function toPayment(row: PaymentRow): Payment {
  const currency = row.currency.trim();
  const providerCurrency = row.provider_currency?.trim() ?? null;
  return {
    id: row.id,
    orgId: row.org_id,
    amount: money(Number(row.amount_minor), currency),
    method: row.method,
    status: row.status,
    purpose: { type: row.purpose_type, id: row.purpose_id },
    payerContactId: row.payer_contact_id,
    payerMsisdn: row.payer_msisdn,
    providerReference: row.provider_reference,
    providerTransactionId: row.provider_transaction_id,
    providerStatus: row.provider_status,
    providerAmount:
      row.provider_amount_minor !== null && providerCurrency
        ? { amountMinor: Number(row.provider_amount_minor), currency: providerCurrency }
        : null,
    externalReference: row.external_reference,
    proofFileId: row.proof_file_id,
    duplicateOfPaymentIds: row.duplicate_of_payment_ids,
    manualKind: row.manual_kind,
    note: row.note,
    denialReason: row.denial_reason,
    failureReason: row.failure_reason,
    voidReason: row.void_reason,
    createdBy: row.created_by,
    decidedBy: row.decided_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    requestedAt: row.requested_at,
    deadlineAt: row.deadline_at,
    checkCount: row.check_count,
    nextCheckAt: row.next_check_at,
    lastCheckedAt: row.last_checked_at,
    verifiedAt: row.verified_at,
    deniedAt: row.denied_at,
    voidedAt: row.voided_at,
    succeededAt: row.succeeded_at,
    failedAt: row.failed_at,
    mismatchAt: row.mismatch_at,
  };
}

/** The audit snapshot: what a person tracing money needs, without internal polling fields. */
export function auditSnapshot(p: Payment): Record<string, unknown> {
  return {
    status: p.status,
    amountMinor: p.amount.amountMinor,
    currency: p.amount.currency,
    method: p.method,
    purpose: p.purpose,
    providerReference: p.providerReference,
    providerTransactionId: p.providerTransactionId,
    providerStatus: p.providerStatus,
    externalReference: p.externalReference,
    duplicateOfPaymentIds: p.duplicateOfPaymentIds,
    denialReason: p.denialReason,
    failureReason: p.failureReason,
    voidReason: p.voidReason,
  };
}
