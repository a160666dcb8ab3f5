-- A closed exhibition takes no new bills or registrations (issue 28); its customers, bills and
-- statements stay readable. Null while open.
alter table exhibition_exhibition add column closed_at timestamptz;
