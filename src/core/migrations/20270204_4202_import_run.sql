-- Issue 42 item 1: an import from the console runs as a background job. Its row keeps what was
-- uploaded (files in the core file store), the progress the console's bar shows (rows read of the
-- source's total) and, once done, the report. A dry run is a run that writes nothing.
create table import_run (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  module text not null check (module ~ '^[a-z][a-z0-9]{1,30}$'),
  dry_run boolean not null,
  notify boolean not null default false,
  -- {format: 'dumpdata', files: [{fileId, name}]} or {format: 'csv', files: [{fileId, name, model}], mapping}
  source jsonb not null,
  -- how reports name it (`dumpdata mess.json`)
  source_label text not null check (length(source_label) between 1 and 300),
  status text not null default 'running' check (status in ('running', 'done', 'failed')),
  -- records the source holds, over all models (the progress bar's 100 %), known once the job read it
  total int not null default 0 check (total >= 0),
  done int not null default 0 check (done >= 0),
  -- the model being read now (`mess.student`)
  current_model text,
  report jsonb,
  error text,
  started_by text not null,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  check ((status = 'running') = (finished_at is null))
);
-- At most one run per organization and module at a time: two imports at once would race on origins.
create unique index import_run_running_idx on import_run (org_id, module) where status = 'running';
create index import_run_org_created_idx on import_run (org_id, created_at desc);
