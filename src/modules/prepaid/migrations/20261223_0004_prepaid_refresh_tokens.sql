-- Mobile clients (portal/refresh-tokens.ts): a short-lived access session plus a rotating refresh
-- token. Every refresh token of one sign-in shares a family; each is spent once, and a spent one
-- presented again (a stolen copy) revokes the whole family and its access sessions.
create table prepaid_portal_refresh (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  account_id uuid not null references prepaid_account(id),
  family_id uuid not null,
  -- SHA-256 of the refresh value the app holds; the value itself is never stored
  token_hash text not null unique,
  expires_at timestamptz not null,
  used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now()
);
create index prepaid_portal_refresh_family_idx on prepaid_portal_refresh (org_id, family_id);

alter table prepaid_portal_session add column family_id uuid;
create index prepaid_portal_session_family_idx on prepaid_portal_session (org_id, family_id)
  where family_id is not null;
