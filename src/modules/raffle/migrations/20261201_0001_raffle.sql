-- Raffles sold through a chat bot: tickets exist for the whole number range once selling starts,
-- a hold is one order in pending_payment with expires_at, and every transition is one guarded
-- statement (or a transaction that locks tickets in ascending number order). See raffle.rules.ts.
create table raffle_raffle (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  title text not null check (length(title) between 1 and 200),
  description text not null default '' check (length(description) <= 2000),
  price_minor bigint not null check (price_minor > 0),
  currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
  min_number int not null check (min_number >= 0),
  max_number int not null,
  opens_at timestamptz,
  closes_at timestamptz,
  max_per_order int not null default 50 check (max_per_order between 1 and 500),
  max_per_buyer int not null default 100 check (max_per_buyer >= 1),
  -- the hold of an order, in seconds (the API speaks minutes; tests use a few seconds)
  hold_seconds int not null default 900 check (hold_seconds between 1 and 86400),
  status text not null default 'draft' check (status in ('draft', 'selling', 'closed', 'drawn')),
  -- verifiable draw: sha256(seed) is published before close; the seed is revealed after the draw
  seed text not null check (seed ~ '^[0-9a-f]{64}$'),
  commitment text not null check (commitment ~ '^[0-9a-f]{64}$'),
  ledger_hash text check (ledger_hash ~ '^[0-9a-f]{64}$'),
  closed_at timestamptz,
  drawn_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (max_number >= min_number and max_number - min_number < 1000000),
  check (closes_at is null or opens_at is null or closes_at > opens_at),
  unique (org_id, id)
);
create index raffle_raffle_org_idx on raffle_raffle (org_id, created_at desc);

create table raffle_prize (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  raffle_id uuid not null references raffle_raffle(id) on delete cascade,
  position int not null check (position >= 1),
  title text not null check (length(title) between 1 and 200),
  winning_number int,
  winning_order_id uuid,
  unique (org_id, raffle_id, position)
);

-- A person who buys: the core contact, with the WhatsApp id notifications go to.
create table raffle_buyer (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  contact_id uuid not null,
  wa_id text,
  display_name text,
  language text not null default 'es',
  created_at timestamptz not null default now(),
  unique (org_id, contact_id)
);

create table raffle_order (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  raffle_id uuid not null references raffle_raffle(id),
  buyer_id uuid not null references raffle_buyer(id),
  status text not null check (status in ('pending_payment', 'paid', 'cancelled', 'expired')),
  numbers int[] not null check (cardinality(numbers) >= 1),
  quantity int not null check (quantity >= 1),
  amount_minor bigint not null check (amount_minor > 0),
  currency char(3) not null,
  expires_at timestamptz not null,
  -- the WhatsApp message or Idempotency-Key that created it: a retried step finds its order
  source_key text check (length(source_key) between 1 and 250),
  payment_id uuid,
  -- money arrived for a hold that was no longer valid: staff refund it
  refund_due boolean not null default false,
  paid_at timestamptz,
  cancelled_at timestamptz,
  expired_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, source_key)
);
-- One live order per buyer per raffle: a double tap cannot open a second one.
create unique index raffle_order_one_live_idx on raffle_order (org_id, raffle_id, buyer_id)
  where status = 'pending_payment';
create index raffle_order_due_idx on raffle_order (expires_at) where status = 'pending_payment';
create index raffle_order_list_idx on raffle_order (org_id, raffle_id, created_at desc);
create index raffle_order_buyer_idx on raffle_order (org_id, buyer_id, raffle_id);

create table raffle_ticket (
  id uuid not null default gen_random_uuid() unique,
  org_id uuid not null references organization(id) on delete cascade,
  raffle_id uuid not null references raffle_raffle(id) on delete cascade,
  number int not null,
  status text not null default 'available' check (status in ('available', 'held', 'sold')),
  order_id uuid references raffle_order(id),
  -- equals the holding order's expires_at; a held ticket past it is free (never rely on the job alone)
  held_until timestamptz,
  primary key (org_id, raffle_id, number),
  check ((status = 'available') = (order_id is null)),
  check ((status = 'held') = (held_until is not null))
);
create index raffle_ticket_order_idx on raffle_ticket (order_id) where order_id is not null;
create index raffle_ticket_free_idx on raffle_ticket (org_id, raffle_id, number)
  where status <> 'sold';
