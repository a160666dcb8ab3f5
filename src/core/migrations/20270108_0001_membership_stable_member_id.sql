-- Issue 40, item 5: a member was known by the invitation's id until they accepted, then by their
-- account's id, so the id `POST /api/users` answered stopped working once the person signed in.
-- A membership now keeps one id for good: `member_id` becomes a plain column that keeps the value it
-- has today (a pending invitation's id; an accepted member's account id), and an invitation's id no
-- longer changes when it is accepted.
-- Expand only (docs/production.md, "Upgrades"): `invitation_id` stays, the previous release still
-- reads it (this one writes it equal to `member_id`); a later release drops it.
alter table membership alter column member_id drop expression;
alter table membership alter column member_id set default gen_random_uuid();
alter table membership alter column member_id set not null;
