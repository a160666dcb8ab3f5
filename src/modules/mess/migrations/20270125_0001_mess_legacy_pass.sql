-- Issue 42, item 5: the original system's Django QR passes (`v|student_id|issued_at|nonce|hmac`,
-- HMAC-SHA256 with its QR_SECRET) keep opening the mess until a date the owner sets. Each row ties
-- the original's student id to the student here, with the nonce and version the original checked:
-- a pass with another nonce or version was replaced there and is refused as revoked here too.
create table mess_legacy_pass (
  org_id uuid not null references organization(id) on delete cascade,
  legacy_id text not null,
  student_id uuid not null,
  nonce text not null,
  qr_version int not null check (qr_version >= 1),
  -- The student's pass version here when the row was written: a pass re-issued here since (a lost
  -- phone) revokes the old QR code too.
  pass_version int not null default 1 check (pass_version >= 1),
  created_at timestamptz not null default now(),
  primary key (org_id, legacy_id),
  foreign key (org_id, student_id) references mess_student (org_id, id) on delete cascade
);
create index mess_legacy_pass_student on mess_legacy_pass (org_id, student_id);

-- A scan of such a pass is recorded as `legacy`, so the scan log shows who still shows an old pass.
alter table mess_scan drop constraint mess_scan_method_check;
alter table mess_scan add constraint mess_scan_method_check check (method in ('pass', 'roll', 'legacy'));
