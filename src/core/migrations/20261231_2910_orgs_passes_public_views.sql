-- Public views for a module that reads its hot path in one statement (issue 29: the mess counter
-- reads its settings, time zone and pass versions with every other fact of a scan). Same contract
-- as the other `v_<area>_<thing>` views: columns may be added, never renamed or dropped.

-- An organization's time zone and settings (secret settings stay sealed, as in the table).
create view v_orgs_organization as
  select id as org_id, time_zone, settings
  from organization;

-- The current version of each pass subject: a pass of a lower version is revoked.
create view v_passes_subject as
  select org_id, subject_type, subject_id, version
  from pass_subject;
