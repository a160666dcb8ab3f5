-- Prepaid electricity: accounts own meters; a purchase is paid through core payments and, once
-- settled, yields exactly one OpenPAYGO token (prepaid_token.payment_id is unique, and the token is
-- written in the payment hook's transaction under the meter's row lock, which also advances the
-- meter's count). See purchases.ts.
create table prepaid_account (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  kind text not null check (kind in ('household', 'institution')),
  name text not null check (length(name) between 1 and 200),
  -- where token messages go: the outbox channel and address (e-mail, WhatsApp wa_id, Telegram chat)
  channel text check (channel in ('email', 'whatsapp', 'telegram')),
  channel_to text check (length(channel_to) <= 200),
  language text not null default 'en',
  created_at timestamptz not null default now(),
  check ((channel is null) = (channel_to is null)),
  unique (org_id, id)
);
create index prepaid_account_org_idx on prepaid_account (org_id, created_at desc);

create table prepaid_tariff (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  category text not null check (length(category) between 1 and 60),
  currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
  -- [{ "uptoKwh": 15 | null, "priceMinorPerKwh": 89 }], checked by tariff.rules.ts
  tiers jsonb not null,
  fee_minor bigint not null default 0 check (fee_minor >= 0),
  tax_basis_points int not null default 0 check (tax_basis_points between 0 and 10000),
  effective_from timestamptz not null,
  effective_to timestamptz,
  created_at timestamptz not null default now(),
  check (effective_to is null or effective_to > effective_from)
);
create index prepaid_tariff_lookup_idx on prepaid_tariff (org_id, category, effective_from desc);

create table prepaid_meter (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  account_id uuid not null references prepaid_account(id),
  number text not null check (number ~ '^[A-Za-z0-9-]{3,40}$'),
  category text not null default 'residential' check (length(category) between 1 and 60),
  location text not null default '' check (length(location) <= 200),
  building text not null default '' check (length(building) <= 120),
  department text not null default '' check (length(department) <= 120),
  status text not null default 'active' check (status in ('active', 'inactive', 'suspended')),
  -- OpenPAYGO settings: the 16-byte key sealed with OPSDESK_SECRET_KEY (write-only), the starting
  -- code, the last count a token was generated at, and the counts the meter has used (decoder side)
  opg_key_sealed text not null,
  opg_starting_code bigint not null check (opg_starting_code >= 0),
  opg_last_count int not null default 1 check (opg_last_count >= 0),
  opg_used_counts int[] not null default '{}',
  opg_restricted_digits boolean not null default false,
  opg_extended boolean not null default false,
  -- token value = kWh × divider (10: a standard token carries 0.0–99.5 kWh)
  opg_value_divider int not null default 10 check (opg_value_divider in (1, 10, 100)),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, number),
  unique (org_id, id)
);
create index prepaid_meter_account_idx on prepaid_meter (org_id, account_id);

create table prepaid_purchase (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  meter_id uuid not null references prepaid_meter(id),
  method text not null check (method in ('momo', 'airtel', 'cash')),
  amount_minor bigint not null check (amount_minor > 0),
  currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
  payer_msisdn text,
  payment_id uuid unique,
  status text not null default 'pending' check (status in ('pending', 'paid', 'failed')),
  units_tenths int check (units_tenths >= 0),
  failure_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index prepaid_purchase_meter_idx on prepaid_purchase (org_id, meter_id, created_at desc);
create index prepaid_purchase_org_idx on prepaid_purchase (org_id, created_at desc);

-- One token per payment, ever: re-sending reads this row, nothing re-generates it.
create table prepaid_token (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  meter_id uuid not null references prepaid_meter(id),
  purchase_id uuid not null unique references prepaid_purchase(id),
  payment_id uuid not null unique,
  token text not null,
  token_type text not null check (token_type in ('ADD_TIME', 'SET_TIME', 'DISABLE_PAYG', 'COUNTER_SYNC')),
  count int not null,
  value int not null,
  units_tenths int not null check (units_tenths >= 0),
  amount_minor bigint not null,
  currency char(3) not null,
  -- the tier breakdown of the units, as priced at settlement
  breakdown jsonb not null default '[]',
  created_at timestamptz not null default now(),
  unique (org_id, meter_id, count)
);
create index prepaid_token_meter_idx on prepaid_token (org_id, meter_id, created_at desc);
