-- The coffee fleet (issue 16). Devices authenticate with a per-device token stored only as a
-- sha256 hash; commands of one device run one at a time in `seq` order (coffee.rules.ts,
-- commands.ts); alarms keep at most one open row per device and kind (partial unique index).
create table coffee_merchant (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  name text not null check (length(name) between 1 and 200),
  contact text not null default '' check (length(contact) <= 200),
  status text not null default 'active' check (status in ('active', 'inactive')),
  created_at timestamptz not null default now(),
  unique (org_id, id)
);

create table coffee_location (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  merchant_id uuid not null,
  name text not null check (length(name) between 1 and 200),
  address text not null default '' check (length(address) <= 500),
  lat numeric(9, 6) check (lat between -90 and 90),
  lng numeric(9, 6) check (lng between -180 and 180),
  created_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, merchant_id) references coffee_merchant(org_id, id) on delete cascade
);

create table coffee_material (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  code text not null check (code ~ '^[A-Za-z0-9_-]{1,40}$'),
  name text not null check (length(name) between 1 and 200),
  unit text not null default 'g' check (unit in ('g', 'ml', 'pcs')),
  enabled boolean not null default true,
  created_at timestamptz not null default now(),
  unique (org_id, code)
);

create table coffee_device (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  serial text not null check (serial ~ '^[A-Za-z0-9_.-]{1,64}$'),
  model text not null check (length(model) between 1 and 64),
  name text not null default '' check (length(name) <= 200),
  firmware text not null default '' check (length(firmware) <= 64),
  status text not null default 'registered'
    check (status in ('registered', 'online', 'offline', 'fault', 'maintenance')),
  last_seen_at timestamptz,
  -- tenths of a degree Celsius: no floats
  temperature_tenths int,
  tags text[] not null default '{}',
  merchant_id uuid,
  location_id uuid,
  -- sha256 hex of the secret part of the device token; the token itself is shown once
  token_hash text check (token_hash ~ '^[0-9a-f]{64}$'),
  token_issued_at timestamptz,
  revoked_at timestamptz,
  -- the recipe package the device reported as installed
  package_version int,
  created_at timestamptz not null default now(),
  unique (org_id, serial),
  unique (org_id, id)
);
create index coffee_device_seen on coffee_device (org_id, status, last_seen_at);
create index coffee_device_tags on coffee_device using gin (tags);

create table coffee_bin (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  device_id uuid not null,
  bin_index int not null check (bin_index between 0 and 63),
  material_code text not null,
  remaining int not null default 0 check (remaining >= 0),
  capacity int not null check (capacity > 0),
  low_pct int not null default 20 check (low_pct between 0 and 100),
  critical_pct int not null default 5 check (critical_pct between 0 and 100),
  -- average use per day, from successive reports (predicted empty)
  daily_use int,
  updated_at timestamptz not null default now(),
  unique (device_id, bin_index),
  foreign key (org_id, device_id) references coffee_device(org_id, id) on delete cascade
);

create table coffee_batch (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  type text not null,
  params jsonb not null default '{}',
  selector jsonb not null,
  total int not null,
  abort_at_failure_percent int not null check (abort_at_failure_percent between 1 and 100),
  min_finished int not null default 10 check (min_finished >= 1),
  rate_per_minute int check (rate_per_minute >= 1),
  status text not null default 'running' check (status in ('running', 'completed', 'aborted')),
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  unique (org_id, id)
);

-- One row per command and device; retries reuse the row (attempts), so nothing counts twice.
create table coffee_command (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  device_id uuid not null,
  seq bigint generated always as identity,
  type text not null check (type ~ '^[a-z_]{1,40}$'),
  params jsonb not null default '{}',
  status text not null default 'queued' check (status in
    ('queued', 'sent', 'succeeded', 'failed', 'timed_out', 'expired', 'unsupported', 'cancelled')),
  attempts int not null default 0,
  max_attempts int not null default 3 check (max_attempts between 1 and 10),
  timeout_seconds int not null default 60 check (timeout_seconds between 1 and 86400),
  available_at timestamptz not null,
  expires_at timestamptz not null,
  sent_at timestamptz,
  finished_at timestamptz,
  detail text check (length(detail) <= 1000),
  batch_id uuid,
  created_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, device_id) references coffee_device(org_id, id) on delete cascade,
  foreign key (org_id, batch_id) references coffee_batch(org_id, id) on delete cascade
);
create index coffee_command_device_open on coffee_command (device_id, seq) where status in ('queued', 'sent');
create index coffee_command_batch on coffee_command (batch_id, status) where batch_id is not null;
create index coffee_command_sent on coffee_command (sent_at) where status = 'sent';

create table coffee_alarm (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  device_id uuid not null,
  kind text not null check (kind in ('offline', 'low_material', 'predicted_empty', 'command_failed')),
  severity text not null check (severity in ('info', 'warn', 'critical')),
  status text not null default 'open' check (status in ('open', 'ack', 'closed')),
  title text not null,
  context jsonb not null default '{}',
  raised_at timestamptz not null,
  acked_at timestamptz,
  closed_at timestamptz,
  unique (org_id, id),
  foreign key (org_id, device_id) references coffee_device(org_id, id) on delete cascade
);
-- exactly one alarm per device and kind until it is closed
create unique index coffee_alarm_one_open on coffee_alarm (device_id, kind) where status <> 'closed';
create index coffee_alarm_list on coffee_alarm (org_id, status, raised_at desc);

create table coffee_order (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  device_id uuid not null,
  device_order_id text not null check (length(device_order_id) between 1 and 100),
  items jsonb not null,
  total_minor bigint not null check (total_minor >= 0),
  currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
  payment_method text not null default 'card',
  payment_status text not null default 'paid' check (payment_status in ('unpaid', 'paid', 'refunded')),
  vend_status text not null default 'vended' check (vend_status in ('vended', 'failed')),
  refund_reason text,
  refunded_at timestamptz,
  ordered_at timestamptz not null,
  created_at timestamptz not null default now(),
  unique (org_id, id),
  unique (device_id, device_order_id),
  foreign key (org_id, device_id) references coffee_device(org_id, id) on delete cascade
);
create index coffee_order_time on coffee_order (org_id, ordered_at desc);
