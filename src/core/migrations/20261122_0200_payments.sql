-- Payments: one row per attempt to collect money for something a module sells (its purpose).
-- Amounts are integer minor units of an ISO 4217 currency. The status machine lives in
-- src/core/payments/payments.rules.ts; every transition is one UPDATE guarded by the current status.
create table payment (
  org_id uuid not null references organization(id) on delete cascade,
  id uuid primary key default gen_random_uuid(),
  amount_minor bigint not null check (amount_minor > 0),
  currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
  method text not null check (method in ('proof', 'manual', 'momo', 'airtel')),
  status text not null check (status in (
    'submitted', 'verified', 'denied', 'recorded', 'voided',
    'pending', 'ambiguous', 'succeeded', 'failed', 'mismatch')),
  -- what the money is for: a module's row, named by type and id; core never references module tables
  purpose_type text not null check (purpose_type ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$' and length(purpose_type) <= 100),
  purpose_id text not null check (length(purpose_id) between 1 and 200),
  payer_contact_id uuid,
  payer_msisdn text check (payer_msisdn ~ '^[1-9][0-9]{7,14}$'),
  -- our id at the provider (MoMo X-Reference-Id, Airtel transaction.id), their id, their last status word
  provider_reference text check (length(provider_reference) between 1 and 100),
  provider_transaction_id text,
  provider_status text,
  -- what the provider reported when it differs from what we asked for
  provider_amount_minor bigint,
  provider_currency char(3),
  -- bank UTR / transaction id typed by the payer, normalized (upper case, letters and digits only)
  external_reference text check (external_reference ~ '^[0-9A-Z]{1,100}$'),
  proof_file_id uuid,
  proof_sha256 text check (proof_sha256 ~ '^[0-9a-f]{64}$'),
  -- earlier payments of this organization with the same proof file or external reference: flagged, never auto-denied
  duplicate_of_payment_ids uuid[] not null default '{}',
  -- manual payments: how the money came in
  manual_kind text check (manual_kind in ('cash', 'bank', 'other')),
  note text check (length(note) <= 1000),
  denial_reason text check (length(denial_reason) between 1 and 500),
  failure_reason text check (length(failure_reason) between 1 and 500),
  void_reason text check (length(void_reason) between 1 and 500),
  created_by jsonb not null,
  decided_by jsonb,
  idempotency_key text check (length(idempotency_key) between 1 and 200),
  check_count int not null default 0,
  next_check_at timestamptz,
  deadline_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  requested_at timestamptz,
  last_checked_at timestamptz,
  verified_at timestamptz,
  denied_at timestamptz,
  voided_at timestamptz,
  succeeded_at timestamptz,
  failed_at timestamptz,
  mismatch_at timestamptz,
  unique (org_id, id),
  unique (org_id, idempotency_key),
  constraint payment_payer_contact_fkey foreign key (org_id, payer_contact_id) references contact (org_id, id),
  constraint payment_proof_file_fkey foreign key (org_id, proof_file_id) references file_object (org_id, id),
  check (
    (method = 'proof' and status in ('submitted', 'verified', 'denied') and proof_file_id is not null)
    or (method = 'manual' and status in ('recorded', 'voided') and manual_kind is not null)
    or (method in ('momo', 'airtel') and status in ('pending', 'ambiguous', 'succeeded', 'failed', 'mismatch'))
  ),
  check (method not in ('momo', 'airtel') or (payer_msisdn is not null and provider_reference is not null and deadline_at is not null)),
  check (status <> 'denied' or denial_reason is not null),
  check (status <> 'voided' or void_reason is not null),
  check (status not in ('failed', 'mismatch') or failure_reason is not null)
);
create unique index payment_provider_reference_key on payment (org_id, method, provider_reference)
  where provider_reference is not null;
-- callbacks arrive without an organization: found by the reference alone
create index payment_provider_reference_idx on payment (method, provider_reference)
  where provider_reference is not null;
create index payment_org_created_idx on payment (org_id, created_at desc, id desc);
create index payment_purpose_idx on payment (org_id, purpose_type, purpose_id);
create index payment_proof_sha256_idx on payment (org_id, proof_sha256) where proof_sha256 is not null;
create index payment_external_reference_idx on payment (org_id, external_reference)
  where external_reference is not null;
-- the reconciliation poll: unresolved mobile-money payments by when they are due
create index payment_due_check_idx on payment (next_check_at) where status in ('pending', 'ambiguous');
