-- The end-of-exhibition run: every customer of an exhibition gets their statement by e-mail.
-- One delivery row per customer (primary key), written in the transaction that queues the e-mail:
-- a resumed or repeated run skips whoever has a row, so no customer is e-mailed twice by runs.
create table exhibition_statement_run (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  exhibition_id uuid not null references exhibition_exhibition(id),
  status text not null default 'running' check (status in ('running', 'done')),
  -- customers without a statement when the run started (the progress bar's 100 %)
  total int not null check (total >= 0),
  started_by text not null,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  check ((status = 'done') = (finished_at is not null))
);
-- At most one running run per exhibition: a second start returns the running one.
create unique index exhibition_statement_run_running_idx
  on exhibition_statement_run (org_id, exhibition_id) where status = 'running';

create table exhibition_statement_delivery (
  org_id uuid not null references organization(id) on delete cascade,
  customer_id uuid not null references exhibition_customer(id),
  run_id uuid not null references exhibition_statement_run(id),
  -- the statement e-mail in the core outbox (its delivery state: v_notifications_notification)
  notification_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (org_id, customer_id)
);
create index exhibition_statement_delivery_run_idx on exhibition_statement_delivery (org_id, run_id);
