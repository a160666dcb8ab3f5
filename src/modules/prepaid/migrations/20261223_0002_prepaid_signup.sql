-- Customer sign-up and meter requests (portal/sign-up.ts, meter-requests.ts). A stranger gives a
-- name, a phone, a meter number and where the one-time code goes (e-mail, or WhatsApp on that
-- phone); the right code creates a household account. A meter that is unknown or belongs to
-- another account is never handed over by the code: it becomes a request staff approve.
create table prepaid_signup (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  name text not null check (length(name) between 1 and 200),
  phone text not null check (phone ~ '^\+[0-9]{8,15}$'),
  meter_number text not null check (meter_number ~ '^[A-Za-z0-9-]{3,40}$'),
  channel text not null check (channel in ('email', 'whatsapp')),
  channel_to text not null check (length(channel_to) between 3 and 200),
  language text not null default 'en',
  -- HMAC-SHA256 of the code under OPSDESK_SECRET_KEY, bound to this row's id (as portal codes)
  code_hash text not null,
  attempts int not null default 0 check (attempts >= 0),
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index prepaid_signup_phone_idx on prepaid_signup (org_id, phone, created_at desc);

create table prepaid_meter_request (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  account_id uuid not null references prepaid_account(id),
  meter_number text not null check (meter_number ~ '^[A-Za-z0-9-]{3,40}$'),
  -- why staff must decide: nobody has this meter yet, or another account has it
  reason text not null check (reason in ('unknown_meter', 'other_account')),
  -- how it came: at sign-up, or a signed-in customer adding a meter
  origin text not null check (origin in ('sign_up', 'add_meter')),
  status text not null default 'waiting' check (status in ('waiting', 'approved', 'rejected')),
  decision_note text check (length(decision_note) <= 500),
  decided_at timestamptz,
  meter_id uuid references prepaid_meter(id),
  created_at timestamptz not null default now(),
  check ((status = 'waiting') = (decided_at is null))
);
-- one open request per account and meter number
create unique index prepaid_meter_request_open_idx on prepaid_meter_request (org_id, account_id, meter_number)
  where status = 'waiting';
create index prepaid_meter_request_org_idx on prepaid_meter_request (org_id, status, created_at desc);
