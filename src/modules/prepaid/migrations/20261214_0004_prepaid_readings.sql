-- Meter readings: the meter's cumulative energy register, from smart meters (API) or manual reads
-- (CSV). One reading per meter and moment; consumption is the difference between readings.
create table prepaid_reading (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  meter_id uuid not null references prepaid_meter(id),
  read_at timestamptz not null,
  -- the register in tenths of a kWh
  register_tenths bigint not null check (register_tenths >= 0),
  source text not null check (source in ('api', 'csv')),
  created_at timestamptz not null default now(),
  unique (org_id, meter_id, read_at)
);
create index prepaid_reading_meter_idx on prepaid_reading (org_id, meter_id, read_at desc);
