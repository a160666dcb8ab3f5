-- What `opsdesk import prepaid` brings over from the original (issue 42): its payments and the tokens
-- it sold, as history. They are not Opsdesk sales: no payment row of the core, no OpenPAYGO count
-- (the original's tokens are 20 random digits its server credited at the sale), so the sales,
-- fraud flags and reports of Opsdesk are not changed by them. The token check finds an imported
-- token here ("sold before the switch").
create table prepaid_imported_payment (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  account_id uuid not null references prepaid_account(id),
  meter_id uuid references prepaid_meter(id),
  amount_minor bigint not null check (amount_minor >= 0),
  currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
  -- the original's words: momo, card, cash; pending, success, failed
  method text not null check (method in ('momo', 'card', 'cash')),
  status text not null check (status in ('pending', 'success', 'failed')),
  external_reference text check (length(external_reference) between 1 and 100),
  created_at timestamptz not null
);
create unique index prepaid_imported_payment_reference_idx
  on prepaid_imported_payment (org_id, external_reference) where external_reference is not null;
create index prepaid_imported_payment_meter_idx on prepaid_imported_payment (org_id, meter_id, created_at desc);

create table prepaid_imported_token (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  meter_id uuid not null references prepaid_meter(id),
  payment_id uuid not null unique references prepaid_imported_payment(id),
  -- digits only (the original printed them XXXXX-XXXXX-XXXXX-XXXXX)
  token text not null check (token ~ '^[0-9]{1,25}$'),
  units_milli bigint not null check (units_milli >= 0),
  status text not null check (status in ('created', 'delivered', 'cancelled')),
  created_at timestamptz not null,
  unique (org_id, token)
);
create index prepaid_imported_token_meter_idx on prepaid_imported_token (org_id, meter_id);
