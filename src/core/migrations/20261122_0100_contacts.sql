-- Contacts: a person an operator serves (student, customer, buyer, account holder), reachable on channels.
-- Modules link their own rows to a contact by `contact_id`; `id` alone is unique, and (org_id, id) is
-- unique too so module tables can reference `contact (org_id, id)` and never cross organizations.
create table contact (
  org_id uuid not null references organization(id) on delete cascade,
  id uuid primary key default gen_random_uuid(),
  display_name text check (display_name is null or length(display_name) between 1 and 200),
  -- null: not chosen yet, speak the organization's first language
  preferred_language text check (preferred_language in ('en', 'hi', 'es')),
  marketing_opt_in boolean not null default false,
  marketing_opt_in_changed_at timestamptz,
  transactional_opt_in boolean not null default true,
  transactional_opt_in_changed_at timestamptz,
  -- set when this contact was merged into another; the survivor holds its identities from then on
  merged_into_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, merged_into_id) references contact (org_id, id),
  check (merged_into_id is null or merged_into_id <> id)
);
create index contact_org_created_idx on contact (org_id, created_at desc, id);
create index contact_merged_into_idx on contact (org_id, merged_into_id) where merged_into_id is not null;

-- One row per way to reach a contact. `external_id` is normalized before it is stored (Telegram user id
-- in decimal, WhatsApp wa_id digits, lower-cased e-mail, E.164 phone), so the primary key makes an
-- identity belong to exactly one contact per organization. The foreign key is deferred: a new contact
-- is created by claiming its identity first (insert ... on conflict do nothing), then inserting the
-- contact row in the same transaction, so concurrent first messages create one contact.
create table contact_identity (
  org_id uuid not null references organization(id) on delete cascade,
  contact_id uuid not null,
  channel text not null check (channel in ('telegram', 'whatsapp', 'email', 'phone')),
  external_id text not null check (length(external_id) between 1 and 320),
  created_at timestamptz not null default now(),
  primary key (org_id, channel, external_id),
  foreign key (org_id, contact_id) references contact (org_id, id) deferrable initially deferred
);
create index contact_identity_contact_idx on contact_identity (org_id, contact_id);
