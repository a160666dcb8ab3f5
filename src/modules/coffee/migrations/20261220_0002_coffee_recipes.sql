-- Recipe packages (versioned, checksummed) and their staged rollouts (issue 16, item 4). A rollout
-- is two command batches to a tag: a canary share first, then the rest once the canary completed.
create table coffee_recipe_package (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  version int not null check (version >= 1),
  recipes jsonb not null,
  checksum text not null check (checksum ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  unique (org_id, version),
  unique (org_id, id)
);

create table coffee_rollout (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  package_id uuid not null,
  tag text not null,
  canary_percent int not null check (canary_percent between 1 and 100),
  abort_at_failure_percent int not null check (abort_at_failure_percent between 1 and 100),
  status text not null default 'canary' check (status in ('canary', 'rolling', 'completed', 'aborted')),
  canary_batch_id uuid not null,
  rest_batch_id uuid,
  -- the version devices ran before: what a rollback goes back to
  previous_package_id uuid,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  unique (org_id, id),
  foreign key (org_id, package_id) references coffee_recipe_package(org_id, id) on delete cascade,
  foreign key (org_id, canary_batch_id) references coffee_batch(org_id, id) on delete cascade,
  foreign key (org_id, rest_batch_id) references coffee_batch(org_id, id) on delete cascade
);
create index coffee_rollout_open on coffee_rollout (org_id, status) where status in ('canary', 'rolling');
