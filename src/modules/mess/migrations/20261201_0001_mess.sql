-- Hostel mess: students, meals, closures, billing cycles, fee payments, mess cuts, scans, conflicts,
-- and the outbox of rows backed up to Google Sheets. Dates are local calendar dates of the
-- organization's time zone, stored as ISO text ('YYYY-MM-DD') so they never shift with a session zone.

create table mess_student (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  contact_id uuid,
  telegram_id text,
  name text not null check (length(name) between 1 and 120),
  roll_number text not null check (length(roll_number) between 1 and 40),
  room text not null default '',
  phone text not null default '',
  language text not null default 'en',
  status text not null default 'pending' check (status in ('pending', 'approved', 'denied', 'suspended')),
  status_reason text,
  registered_at timestamptz not null default now(),
  decided_at timestamptz,
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, roll_number),
  unique (org_id, telegram_id),
  foreign key (org_id, contact_id) references contact (org_id, id)
);
create index mess_student_status_idx on mess_student (org_id, status, registered_at);

create table mess_meal (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  name text not null,
  start_time text not null check (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  end_time text not null check (end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  weekdays int[] not null default '{1,2,3,4,5,6,7}',
  position int not null default 0,
  created_at timestamptz not null default now(),
  unique (org_id, name),
  check (end_time > start_time)
);

create table mess_closure (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  date text not null check (date ~ '^\d{4}-\d{2}-\d{2}$'),
  meal_ids uuid[],
  reason text not null default '',
  created_at timestamptz not null default now()
);
create index mess_closure_date_idx on mess_closure (org_id, date);

create table mess_cycle (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  name text not null,
  from_date text not null check (from_date ~ '^\d{4}-\d{2}-\d{2}$'),
  to_date text not null check (to_date ~ '^\d{4}-\d{2}-\d{2}$'),
  fee_minor bigint not null check (fee_minor >= 0),
  currency text not null,
  rebate_per_day_minor bigint not null default 0 check (rebate_per_day_minor >= 0),
  created_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, name),
  check (to_date >= from_date)
);

-- One row per settled payment toward a student's cycle fee (kept by the payments hooks).
create table mess_fee_payment (
  org_id uuid not null references organization(id) on delete cascade,
  payment_id uuid not null,
  student_id uuid not null,
  cycle_id uuid not null,
  amount_minor bigint not null,
  settled_at timestamptz not null default now(),
  primary key (org_id, payment_id),
  foreign key (org_id, student_id) references mess_student (org_id, id) on delete cascade,
  foreign key (org_id, cycle_id) references mess_cycle (org_id, id) on delete cascade
);
create index mess_fee_payment_student_idx on mess_fee_payment (org_id, student_id, cycle_id);

create table mess_cut (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  student_id uuid not null,
  from_date text not null check (from_date ~ '^\d{4}-\d{2}-\d{2}$'),
  to_date text not null check (to_date ~ '^\d{4}-\d{2}-\d{2}$'),
  source text not null check (source in ('bot', 'console', 'api')),
  created_at timestamptz not null default now(),
  foreign key (org_id, student_id) references mess_student (org_id, id) on delete cascade,
  check (to_date >= from_date)
);
create index mess_cut_student_idx on mess_cut (org_id, student_id, from_date);

-- Every scan, allowed or denied, exactly once per nonce; at most one allowed scan per student and window.
create table mess_scan (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  nonce uuid not null,
  device_id text not null,
  student_id uuid,
  method text not null check (method in ('pass', 'roll')),
  scanned_at timestamptz not null,
  received_at timestamptz not null default now(),
  local_date text,
  offline boolean not null,
  local_decision text check (local_decision in ('allowed', 'denied')),
  local_reason text,
  decision text not null check (decision in ('allowed', 'denied')),
  reason text,
  meal_id uuid,
  window_key text,
  conflict boolean not null default false,
  synced_by text not null,
  unique (org_id, id),
  unique (org_id, nonce),
  foreign key (org_id, student_id) references mess_student (org_id, id) on delete cascade
);
create unique index mess_scan_served_uq on mess_scan (org_id, student_id, window_key) where decision = 'allowed';
create index mess_scan_time_idx on mess_scan (org_id, scanned_at desc);
create index mess_scan_student_idx on mess_scan (org_id, student_id, scanned_at desc);

create table mess_scan_conflict (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  student_id uuid not null,
  window_key text,
  first_scan_id uuid,
  second_scan_id uuid not null,
  first_device_id text,
  second_device_id text not null,
  reason text not null,
  status text not null default 'open' check (status in ('open', 'resolved')),
  resolution text,
  resolved_by text,
  resolved_at timestamptz,
  created_at timestamptz not null default now(),
  foreign key (org_id, student_id) references mess_student (org_id, id) on delete cascade,
  foreign key (org_id, second_scan_id) references mess_scan (org_id, id) on delete cascade
);
create index mess_scan_conflict_open_idx on mess_scan_conflict (org_id, status, created_at desc);

-- Outbox of rows appended to the organization's Google Sheet by the `mess.sheets-append` job.
create table mess_sheet_row (
  id bigint generated always as identity primary key,
  org_id uuid not null references organization(id) on delete cascade,
  sheet text not null,
  cells jsonb not null,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index mess_sheet_row_pending_idx on mess_sheet_row (org_id, id) where sent_at is null;
