import type { ColumnType } from 'kysely';
import type { OrgIdColumn } from '../../../platform/db/index.ts';
import type { ActorRef } from '../../context/index.ts';
import type { RefundMethod, RefundStatus } from './refunds.rules.ts';

type Stamp = Date | null;

export type PaymentRefundTable = {
  org_id: OrgIdColumn;
  id: ColumnType<string, string | undefined, never>;
  payment_id: ColumnType<string, string, never>;
  /** PostgreSQL `bigint` arrives as a string through `pg`. */
  amount_minor: ColumnType<string, number, never>;
  currency: ColumnType<string, string, never>;
  method: ColumnType<RefundMethod, RefundMethod, never>;
  status: RefundStatus;
  reason: ColumnType<string, string, never>;
  provider_reference: string | null;
  provider_transaction_id: string | null;
  provider_status: string | null;
  failure_reason: string | null;
  attempt: ColumnType<number, number | undefined, number>;
  requested_by: ColumnType<ActorRef, string, never>;
  requested_by_user: ColumnType<string | null, string | null | undefined, never>;
  approved_by: ColumnType<ActorRef | null, never, string | null>;
  approved_by_user: ColumnType<string | null, never, string | null>;
  decided_by: ColumnType<ActorRef | null, never, string | null>;
  rejection_reason: string | null;
  idempotency_key: ColumnType<string | null, string | null | undefined, never>;
  /** What the purpose's module was asked to do with its record (`RefundOptions`), kept for the approval. */
  purpose_options: ColumnType<Record<string, unknown>, string | undefined, never>;
  check_count: ColumnType<number, never, number>;
  next_check_at: Stamp;
  /** Until when a claimed send's provider call may still be running. */
  in_flight_until: Stamp;
  created_at: ColumnType<Date, Date, never>;
  updated_at: ColumnType<Date, Date, Date>;
  approved_at: Stamp;
  sent_at: Stamp;
  succeeded_at: Stamp;
  failed_at: Stamp;
  rejected_at: Stamp;
};

export type RefundTables = { payment_refund: PaymentRefundTable };
