-- Issue 30 item 6: after the pass key is rotated, staff regenerate every approved student's pass
-- (signed with the new key) and send it on Telegram, in steps of a job whose progress the console shows.
create table mess_pass_run (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  status text not null default 'running' check (status in ('running', 'done')),
  -- approved students when the run started (the progress bar's 100 %)
  total int not null check (total >= 0),
  started_by text not null,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  check ((status = 'done') = (finished_at is not null))
);
-- At most one running run per organization: a second start returns the running one.
create unique index mess_pass_run_running_idx on mess_pass_run (org_id) where status = 'running';

create table mess_pass_delivery (
  org_id uuid not null references organization(id) on delete cascade,
  run_id uuid not null references mess_pass_run(id) on delete cascade,
  student_id uuid not null references mess_student(id) on delete cascade,
  -- the pass message in the core outbox; null for a student without Telegram (the printed sheet serves them)
  notification_id uuid,
  key_id text not null,
  created_at timestamptz not null default now(),
  primary key (run_id, student_id)
);
