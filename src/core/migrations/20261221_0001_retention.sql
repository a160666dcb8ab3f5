-- Data retention (issue 18): per organization, how long each kind of data is kept, and what each
-- cleanup run removed. The kinds are declared by the areas (`retention` in the module contract).

-- One row per organization that changed a period or set a hold; absent: every default applies.
create table retention_settings (
  org_id uuid primary key references organization(id) on delete cascade,
  -- kind -> days (a number) or null (keep forever); a kind not named keeps its declared default
  periods jsonb not null default '{}',
  -- the whole organization under a legal hold: no rule removes or masks anything
  legal_hold boolean not null default false,
  legal_hold_reason text check (length(legal_hold_reason) <= 500),
  updated_at timestamptz not null default now(),
  check (jsonb_typeof(periods) = 'object')
);

create table retention_run (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  trigger text not null check (trigger in ('schedule', 'cli', 'console')),
  status text not null default 'running' check (status in ('running', 'done', 'failed', 'held')),
  -- [{kind, days, cutoff, rows, bytes}]: what went, per kind
  kinds jsonb not null default '[]',
  rows_removed bigint not null default 0,
  bytes_removed bigint not null default 0,
  error text,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  unique (org_id, id)
);
create index retention_run_org_started_idx on retention_run (org_id, started_at desc, id);

-- Legal hold per record: nothing linked to a held contact or payment is removed or masked.
alter table contact add column legal_hold boolean not null default false;
alter table payment add column legal_hold boolean not null default false;

-- Public views for the modules' rules (they name only their own tables and core views).
create view v_retention_held_contact as select org_id, id from contact where legal_hold;
create view v_retention_held_payment as select org_id, id from payment where legal_hold;

-- A proof file whose bytes retention removed: the row stays (the payment points at it).
alter table file_object add column purged_at timestamptz;

-- Audit stays append-only, but personal values in old entries may be masked: an UPDATE is allowed
-- only inside a transaction that set `opsdesk.audit_masking` (retention's masking batches), and it
-- may change only the personal columns and stamp `masked_at`.
alter table audit_event add column masked_at timestamptz;
create function opsdesk_audit_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and coalesce(current_setting('opsdesk.audit_masking', true), '') = 'on'
     and new.id = old.id and new.org_id = old.org_id and new.at = old.at and new.action = old.action
     and new.actor_type = old.actor_type and new.actor_id is not distinct from old.actor_id
     and new.subject_type is not distinct from old.subject_type
     and new.subject_id is not distinct from old.subject_id
     and new.masked_at is not null and old.masked_at is null then
    return new;
  end if;
  raise exception '% is append-only', tg_table_name using errcode = 'insufficient_privilege';
end $$;
drop trigger audit_event_append_only on audit_event;
create trigger audit_event_append_only before update or delete on audit_event
  for each row execute function opsdesk_audit_append_only();

-- Replaces the value of every personal key (at any depth) with '***'; other values stay.
create function opsdesk_mask_personal(doc jsonb) returns jsonb language plpgsql immutable as $$
begin
  if jsonb_typeof(doc) = 'object' then
    return (select coalesce(jsonb_object_agg(key, case
        when lower(key) in ('name', 'display_name', 'displayname', 'phone', 'msisdn', 'payer_msisdn',
          'payermsisdn', 'email', 'recipient', 'wa_id', 'waid', 'external_id', 'externalid', 'username',
          'first_name', 'last_name', 'firstname', 'lastname', 'address', 'text', 'body', 'note',
          'payer', 'payer_name', 'payername', 'buyer', 'student', 'customer', 'room', 'caption')
          and value <> 'null'::jsonb
        then to_jsonb('***'::text)
        else opsdesk_mask_personal(value) end), '{}'::jsonb)
      from jsonb_each(doc));
  elsif jsonb_typeof(doc) = 'array' then
    return (select coalesce(jsonb_agg(opsdesk_mask_personal(value)), '[]'::jsonb) from jsonb_array_elements(doc));
  end if;
  return doc;
end $$;
