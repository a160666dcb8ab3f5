-- Disabling is per membership: an organization decides who works for it, never whether a person
-- may sign in elsewhere (an owner of one organization could disable the owner of another).
-- accepted_at null = a pending invitation, which grants nothing until the person accepts it.
-- invite_name/invite_email are what the inviter typed; the organization sees them (not the
-- account's own name) until the person accepts, so an invitation reveals nothing about the account.
alter table membership
  add column accepted_at timestamptz,
  add column disabled_at timestamptz,
  add column invite_name text check (length(invite_name) between 1 and 200),
  add column invite_email text;
update membership set accepted_at = created_at;
update membership m set disabled_at = u.disabled_at
  from staff_user u
  where u.id = m.user_id and u.disabled_at is not null;

-- Failed sign-ins are counted per account and client (login_throttle), so strangers can no longer
-- lock an account for everyone by guessing wrong.
alter table staff_user
  drop column disabled_at,
  drop column failed_logins,
  drop column locked_until;

-- One row per (typed e-mail, client address). Keyed by the e-mail as typed (lower-cased), known or
-- not, so a lock answers the same for accounts that do not exist. A successful sign-in deletes the
-- row; failures are forgotten a day after the last lock ended (login-throttle.rules.ts).
create table login_throttle (
  account text not null,
  client_ip text not null,
  failures int not null check (failures >= 0),
  last_failure_at timestamptz not null,
  locked_until timestamptz,
  primary key (account, client_ip)
);
