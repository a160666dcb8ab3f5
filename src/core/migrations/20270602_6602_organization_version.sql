-- Issue 64: a chat step reads its organization's version with its waiting messages and reads the
-- organization itself only when that changed (the conversation engine keeps the one it read per app).
-- The row's xmin changes with every update of it, in every process's view: no column to keep up.
create or replace view v_orgs_organization as
  select id as org_id, time_zone, settings, xmin::text as version
  from organization;
