-- Exhibitions with booths, customers registered at the desk (an 8-character code with a check
-- character, a signed QR pass) and bills any booth adds to a customer's running tab.
-- Totals stay exact under concurrent bills: a bill's insert and `total_minor = total_minor + amount`
-- on the customer row commit in one transaction (the UPDATE takes the row lock); a void is one
-- guarded UPDATE (`where status = 'active'`) followed by the matching subtraction.
create table exhibition_exhibition (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  name text not null check (length(name) between 1 and 200),
  venue text not null default '' check (length(venue) <= 300),
  currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
  time_zone text not null,
  starts_on date not null,
  ends_on date not null,
  created_at timestamptz not null default now(),
  check (ends_on >= starts_on),
  unique (org_id, id)
);
create index exhibition_exhibition_org_idx on exhibition_exhibition (org_id, starts_on desc);

create table exhibition_booth (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  exhibition_id uuid not null references exhibition_exhibition(id) on delete cascade,
  name text not null check (length(name) between 1 and 200),
  created_at timestamptz not null default now(),
  unique (org_id, exhibition_id, name)
);

-- Booth staff (the scanner role) may bill only at the booths they are assigned to.
create table exhibition_booth_staff (
  org_id uuid not null references organization(id) on delete cascade,
  booth_id uuid not null references exhibition_booth(id) on delete cascade,
  user_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (org_id, booth_id, user_id)
);

create table exhibition_customer (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  exhibition_id uuid not null references exhibition_exhibition(id),
  code char(8) not null,
  name text not null check (length(name) between 1 and 200),
  email text not null,
  phone text not null,
  -- running tab, kept by the bill and void statements (see the header)
  bill_count int not null default 0 check (bill_count >= 0),
  total_minor bigint not null default 0,
  -- the last welcome e-mail queued for this customer (core notification outbox)
  welcome_notification_id uuid,
  created_at timestamptz not null default now(),
  unique (org_id, code)
);
create index exhibition_customer_exhibition_idx on exhibition_customer (org_id, exhibition_id, created_at desc);
create index exhibition_customer_email_idx on exhibition_customer (org_id, exhibition_id, email);
create index exhibition_customer_phone_idx on exhibition_customer (org_id, exhibition_id, phone);

create table exhibition_bill (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  customer_id uuid not null references exhibition_customer(id),
  booth_id uuid not null references exhibition_booth(id),
  amount_minor bigint not null check (amount_minor > 0),
  currency char(3) not null,
  description text not null default '' check (length(description) <= 500),
  -- the exhibition's local date of the bill, for totals per day
  business_date date not null,
  status text not null default 'active' check (status in ('active', 'void')),
  void_reason text check (void_reason is null or length(void_reason) between 1 and 500),
  voided_at timestamptz,
  created_by text not null,
  created_at timestamptz not null default now(),
  check ((status = 'void') = (voided_at is not null))
);
create index exhibition_bill_customer_idx on exhibition_bill (org_id, customer_id, created_at);
create index exhibition_bill_booth_idx on exhibition_bill (org_id, booth_id, business_date);
