-- Files: uploaded bytes live in the file store (local folder or S3-compatible); this row is what we
-- know about them. `content_type` is sniffed from the bytes, never taken from the name or the client.
create table file_object (
  org_id uuid not null references organization(id) on delete cascade,
  id uuid primary key,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes bigint not null check (size_bytes >= 0),
  content_type text not null check (length(content_type) between 3 and 200),
  original_name text not null check (length(original_name) between 1 and 255),
  storage_key text not null check (length(storage_key) between 1 and 512),
  purpose text not null check (purpose ~ '^[a-z][a-z0-9_]{0,63}$'),
  uploaded_by_type text not null check (uploaded_by_type in ('user', 'token', 'system', 'contact', 'device')),
  uploaded_by_id text,
  uploaded_by_label text,
  created_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, storage_key)
);
-- Duplicate detection: the same bytes uploaded twice (a payment proof sent again) share a sha256.
create index file_object_sha256_idx on file_object (org_id, sha256);
