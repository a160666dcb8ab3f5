import type { ColumnType } from 'kysely';
import type { OrgIdColumn } from '../../platform/db/index.ts';
import type { ActorRef } from '../context/index.ts';
import type { ManualKind, PaymentMethod, PaymentStatus } from './payments.rules.ts';

type Stamp = Date | null;

export type PaymentTable = {
  org_id: OrgIdColumn;
  id: ColumnType<string, string | undefined, never>;
  /** PostgreSQL `bigint` arrives as a string through `pg`. */
  amount_minor: ColumnType<string, number, never>;
  currency: ColumnType<string, string, never>;
  method: ColumnType<PaymentMethod, PaymentMethod, never>;
  status: PaymentStatus;
  purpose_type: ColumnType<string, string, never>;
  purpose_id: ColumnType<string, string, never>;
  payer_contact_id: ColumnType<string | null, string | null | undefined, never>;
  payer_msisdn: ColumnType<string | null, string | null | undefined, never>;
  provider_reference: ColumnType<string | null, string | null | undefined, never>;
  provider_transaction_id: string | null;
  provider_status: string | null;
  provider_amount_minor: ColumnType<string | null, number | null | undefined, number | null>;
  provider_currency: string | null;
  /** As typed (trimmed). */
  external_reference: ColumnType<string | null, string | null | undefined, never>;
  /** `normalizeExternalReference` of it: what duplicates are matched on. */
  external_reference_key: ColumnType<string | null, string | null | undefined, never>;
  proof_file_id: ColumnType<string | null, string | null | undefined, never>;
  proof_sha256: ColumnType<string | null, string | null | undefined, never>;
  duplicate_of_payment_ids: ColumnType<string[], string[] | undefined, string[]>;
  manual_kind: ColumnType<ManualKind | null, ManualKind | null | undefined, never>;
  note: ColumnType<string | null, string | null | undefined, never>;
  denial_reason: string | null;
  failure_reason: string | null;
  void_reason: string | null;
  created_by: ColumnType<ActorRef, string, never>;
  decided_by: ColumnType<ActorRef | null, never, string | null>;
  idempotency_key: ColumnType<string | null, string | null | undefined, never>;
  check_count: ColumnType<number, never, number>;
  next_check_at: Stamp;
  deadline_at: ColumnType<Date | null, Date | null | undefined, never>;
  created_at: ColumnType<Date, Date, never>;
  updated_at: ColumnType<Date, Date, Date>;
  requested_at: Stamp;
  last_checked_at: Stamp;
  verified_at: Stamp;
  denied_at: Stamp;
  voided_at: Stamp;
  succeeded_at: Stamp;
  failed_at: Stamp;
  mismatch_at: Stamp;
};

export type PaymentsTables = { payment: PaymentTable };
