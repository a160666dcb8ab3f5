-- Signing keys per organization: one active key signs; retired keys keep only their public half
-- so passes they signed still verify. Private keys are sealed with OPSDESK_SECRET_KEY.
create table pass_key (
  org_id uuid not null references organization(id) on delete cascade,
  key_id text not null check (key_id ~ '^[0-9a-f]{8}$'),
  public_key bytea not null check (length(public_key) = 32),
  sealed_private_key text,
  created_at timestamptz not null default now(),
  retired_at timestamptz,
  primary key (org_id, key_id),
  check ((retired_at is null) = (sealed_private_key is not null))
);
create unique index pass_key_one_active on pass_key (org_id) where retired_at is null;

-- The current pass version of each subject; re-issuing bumps it, which revokes older passes.
create table pass_subject (
  org_id uuid not null references organization(id) on delete cascade,
  subject_type text not null,
  subject_id text not null,
  version int not null default 1 check (version >= 1),
  updated_at timestamptz not null default now(),
  primary key (org_id, subject_type, subject_id)
);
