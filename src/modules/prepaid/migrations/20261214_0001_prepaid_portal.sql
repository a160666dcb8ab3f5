-- The customer portal: a meter owner identifies with the account's phone and a meter number, proves
-- it with a one-time code sent over the account's channel, and gets a revocable portal session.
-- Codes and session tokens are stored only as hashes (see portal/portal-sessions.ts).
alter table prepaid_account add column phone text check (phone ~ '^\+[0-9]{8,15}$');
create index prepaid_account_phone_idx on prepaid_account (org_id, phone) where phone is not null;

create table prepaid_portal_code (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  account_id uuid not null references prepaid_account(id),
  meter_id uuid not null references prepaid_meter(id),
  -- HMAC-SHA256 of the code under OPSDESK_SECRET_KEY, bound to this row's id
  code_hash text not null,
  attempts int not null default 0 check (attempts >= 0),
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index prepaid_portal_code_meter_idx on prepaid_portal_code (org_id, meter_id, created_at desc);

create table prepaid_portal_session (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  account_id uuid not null references prepaid_account(id),
  -- SHA-256 of the bearer value the browser holds; the value itself is never stored
  token_hash text not null unique,
  expires_at timestamptz not null,
  revoked_at timestamptz,
  created_at timestamptz not null default now()
);
create index prepaid_portal_session_account_idx on prepaid_portal_session (org_id, account_id);

-- Which purchases a customer started in the portal (the console shows the channel of each sale).
alter table prepaid_purchase add column source text not null default 'staff'
  check (source in ('staff', 'portal', 'chat'));
