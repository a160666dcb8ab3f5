-- Issue 26 item 5: inviting an e-mail answered with that person's global account id, so an
-- organization learned who already had an account elsewhere (and which). Until the person accepts,
-- a membership is known to its organization by an id of the invitation alone; once accepted, by
-- the account's id as before (the person works there, and audit entries name them by it).
alter table membership add column invitation_id uuid not null default gen_random_uuid();
alter table membership add column member_id uuid
  generated always as (case when accepted_at is null then invitation_id else user_id end) stored;
create unique index membership_member_id_key on membership (org_id, member_id);
