-- Issue 40, item 5: a member was known by the invitation's id until they accepted, then by their
-- account's id, so the id `POST /api/users` answered stopped working once the person signed in.
-- A membership now keeps one id for good. Rows accepted before keep the id they are known by now
-- (the account's); pending invitations keep the id they were answered with, also once accepted.
alter table membership drop column member_id;
update membership set invitation_id = user_id where accepted_at is not null;
alter table membership rename column invitation_id to member_id;
create unique index membership_member_id_key on membership (org_id, member_id);
