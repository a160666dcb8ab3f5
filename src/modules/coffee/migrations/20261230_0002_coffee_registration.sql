-- Self-registration of machines (issue 30, item 5). Staff issue a claim code; a technician keys it
-- into the machine; the machine posts its serial with the code and shows up as pending; staff
-- accept it into a location (the device row is made then, without a token); the machine's next
-- registration call collects its token, once. One code, one machine.
create table coffee_registration (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  -- sha256 hex of the canonical claim code: the code is shown once, when it is issued; a machine
  -- names no organization, so the code is looked up across organizations and must be unique
  code_hash text not null unique check (code_hash ~ '^[0-9a-f]{64}$'),
  note text not null default '' check (length(note) <= 200),
  status text not null default 'issued'
    check (status in ('issued', 'pending', 'accepted', 'rejected', 'collected')),
  expires_at timestamptz not null,
  serial text check (serial ~ '^[A-Za-z0-9_.-]{1,64}$'),
  model text check (length(model) between 1 and 64),
  firmware text not null default '' check (length(firmware) <= 64),
  registered_at timestamptz,
  device_id uuid,
  decided_at timestamptz,
  collected_at timestamptz,
  created_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, device_id) references coffee_device(org_id, id) on delete cascade,
  check ((status = 'issued') = (serial is null))
);
create index coffee_registration_list on coffee_registration (org_id, status, created_at desc);
