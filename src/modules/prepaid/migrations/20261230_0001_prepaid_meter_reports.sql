-- A generated meter key can be printed once (issue 30, item 3): creation keeps a second sealed copy
-- for a short while; the commissioning sheet's first download takes it and clears it.
alter table prepaid_meter
  add column opg_key_sheet_sealed text,
  add column opg_key_sheet_until timestamptz,
  add check ((opg_key_sheet_sealed is null) = (opg_key_sheet_until is null));

-- Meters that report (issue 30, item 4). A meter calls the meter API with its own bearer token
-- (`ppm_<meter id>_<secret>`; only sha256(secret) is kept, issued and rotated by staff), sends its
-- register and the token counts it has accepted, and asks for the tokens waiting for it.

alter table prepaid_meter
  add column device_token_hash text,
  add column device_token_issued_at timestamptz,
  -- what the meter last told us: when, and the highest token count it has accepted
  add column reported_at timestamptz,
  add column reported_count int check (reported_count >= 0);

-- One row per report; the meter's own report id makes a retried report change nothing.
create table prepaid_meter_report (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  meter_id uuid not null references prepaid_meter(id),
  report_id text not null check (length(report_id) between 1 and 80),
  -- sha256 of the report as sent: the same id with other content is refused, not silently dropped
  body_hash text not null,
  read_at timestamptz not null,
  register_tenths bigint not null check (register_tenths >= 0),
  accepted_counts int[] not null default '{}',
  received_at timestamptz not null,
  unique (org_id, meter_id, report_id)
);
create index prepaid_meter_report_meter_idx on prepaid_meter_report (org_id, meter_id, read_at desc);

-- Which tokens the meter took (from its reports), and the ones left unused too long (flagged by a job).
alter table prepaid_token
  add column keyed_in_at timestamptz,
  add column unused_flagged_at timestamptz;
create index prepaid_token_waiting_idx on prepaid_token (org_id, created_at)
  where keyed_in_at is null and unused_flagged_at is null;

-- A reading can come from the meter's own report.
alter table prepaid_reading drop constraint prepaid_reading_source_check;
alter table prepaid_reading add constraint prepaid_reading_source_check
  check (source in ('api', 'csv', 'meter'));
