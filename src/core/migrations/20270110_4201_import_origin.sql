-- Issue 42: what an import brought over from an original system, keyed by the record it was there
-- (Django's `app_label.model` and pk), so a second run of the same import finds it and changes nothing,
-- and a later record's foreign key finds what its target became. `target_id` is the Opsdesk row's id.
create table import_origin (
  org_id uuid not null references organization(id) on delete cascade,
  module text not null check (module ~ '^[a-z][a-z0-9]{1,30}$'),
  source_model text not null check (length(source_model) between 1 and 100),
  source_pk text not null check (length(source_pk) between 1 and 200),
  target_id text not null,
  imported_at timestamptz not null default now(),
  primary key (org_id, module, source_model, source_pk)
);
