-- Saved views of the console's resource lists: a person's own named filters, sort, columns and page size.
create table saved_view (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  user_id uuid not null references staff_user(id) on delete cascade,
  resource text not null check (resource ~ '^[a-z][a-z0-9]*\.[a-z][a-z0-9_]*$'),
  name text not null check (length(name) between 1 and 100),
  params jsonb not null default '{}',
  created_at timestamptz not null default now(),
  unique (org_id, user_id, resource, name)
);
