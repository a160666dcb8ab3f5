-- Issue 63, item 1: a cycle an import made from the original's payments bills the students the
-- original had in it (those with a payment for its days), never every student of Opsdesk. A native
-- cycle (members_only false) bills every student, as before.
alter table mess_cycle add column members_only boolean not null default false;
create table mess_cycle_member (
  org_id uuid not null references organization(id) on delete cascade,
  cycle_id uuid not null references mess_cycle(id) on delete cascade,
  student_id uuid not null,
  primary key (org_id, cycle_id, student_id),
  foreign key (org_id, student_id) references mess_student (org_id, id) on delete cascade
);
