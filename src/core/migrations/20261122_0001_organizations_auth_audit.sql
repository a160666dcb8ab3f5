-- Organizations: one deployment hosts one or many operators, fully isolated.
create table organization (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
  name text not null check (length(name) between 1 and 200),
  time_zone text not null default 'UTC',
  currency char(3) not null default 'USD' check (currency ~ '^[A-Z]{3}$'),
  languages text[] not null default '{en}',
  settings jsonb not null default '{}',
  created_at timestamptz not null default now()
);

-- Staff users exist once and belong to organizations through memberships.
create table staff_user (
  id uuid primary key default gen_random_uuid(),
  email text not null check (email ~ '^[^@\s]+@[^@\s]+$'),
  name text not null check (length(name) between 1 and 200),
  password_hash text not null,
  locale text not null default 'en',
  failed_logins int not null default 0,
  locked_until timestamptz,
  disabled_at timestamptz,
  password_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now()
);
create unique index staff_user_email_key on staff_user (lower(email));

create table membership (
  org_id uuid not null references organization(id) on delete cascade,
  user_id uuid not null references staff_user(id) on delete cascade,
  role text not null check (role in ('owner', 'admin', 'ops', 'viewer', 'scanner')),
  extra_permissions text[] not null default '{}',
  created_at timestamptz not null default now(),
  primary key (org_id, user_id)
);
create index membership_user_idx on membership (user_id);

-- Sessions: the cookie holds a random token; only its hash is stored.
create table staff_session (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  user_id uuid not null references staff_user(id) on delete cascade,
  token_hash text not null unique,
  csrf_token text not null,
  ip text,
  user_agent text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index staff_session_user_idx on staff_session (user_id);

-- API tokens for programs: shown once, stored hashed, scoped, revocable.
create table api_token (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  user_id uuid not null references staff_user(id) on delete cascade,
  name text not null check (length(name) between 1 and 100),
  prefix text not null,
  token_hash text not null unique,
  scopes text[] not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  expires_at timestamptz,
  revoked_at timestamptz
);
create index api_token_org_idx on api_token (org_id, created_at desc);

-- Audit: append-only record of every state change a person would want to trace.
create table audit_event (
  id bigint generated always as identity primary key,
  org_id uuid not null references organization(id) on delete cascade,
  at timestamptz not null default now(),
  actor_type text not null check (actor_type in ('user', 'token', 'system', 'contact', 'device')),
  actor_id text,
  actor_label text,
  action text not null check (action ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$'),
  subject_type text,
  subject_id text,
  before jsonb,
  after jsonb,
  request_id text,
  meta jsonb not null default '{}'
);
create index audit_event_org_at_idx on audit_event (org_id, at desc, id desc);
create index audit_event_subject_idx on audit_event (org_id, subject_type, subject_id, at desc);
create index audit_event_action_idx on audit_event (org_id, action text_pattern_ops, at desc);

create function opsdesk_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only', tg_table_name using errcode = 'insufficient_privilege';
end $$;
create trigger audit_event_append_only before update or delete on audit_event
  for each row execute function opsdesk_append_only();

-- Idempotency: a POST that creates something, retried with the same key, answers the first result.
-- The key row is written in the same transaction as the work, so a concurrent duplicate waits on
-- the primary key and then replays the stored answer; a rolled-back attempt leaves no key behind.
create table idempotency_key (
  org_id uuid not null references organization(id) on delete cascade,
  scope text not null,
  key text not null check (length(key) between 1 and 200),
  request_hash text not null,
  response_status int not null,
  response_body jsonb,
  created_at timestamptz not null default now(),
  primary key (org_id, scope, key)
);
