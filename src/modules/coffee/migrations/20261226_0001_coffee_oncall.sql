-- The fleet's on-call staff: who hears about a new alarm, on which channel, in which language.
-- A person, not a login: on-call rotas often name a technician who never opens the console.
create table coffee_oncall (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  name text not null check (length(name) between 1 and 200),
  channel text not null check (channel in ('email', 'whatsapp', 'telegram')),
  address text not null check (length(address) between 1 and 320),
  language text not null default 'en' check (language in ('en', 'es')),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  unique (org_id, channel, address)
);
create index coffee_oncall_active on coffee_oncall (org_id) where active;

-- which message told whom about an alarm (one per alarm and person: the notification's idempotency key)
alter table coffee_alarm add column notified int not null default 0;
