-- What stays of scans the retention cleanup removed (issue 18): served and denied counts per local
-- day, meal and reason, so the reports of old days keep their totals after the scan rows are gone.
create table mess_scan_day (
  org_id uuid not null references organization(id) on delete cascade,
  local_date text not null,
  meal_id uuid,
  decision text not null check (decision in ('allowed', 'denied')),
  reason text not null default '',
  scans int not null check (scans >= 0),
  id uuid primary key default gen_random_uuid()
);
create unique index mess_scan_day_key on mess_scan_day
  (org_id, local_date, coalesce(meal_id, '00000000-0000-0000-0000-000000000000'::uuid), decision, reason);
