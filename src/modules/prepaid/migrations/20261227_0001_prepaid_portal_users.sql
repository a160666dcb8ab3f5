-- Portal users (portal/portal-users.ts): an account has people who sign in to the portal, each with
-- a role. `owner` manages users and settings, `buyer` buys and sees history, `viewer` sees meters,
-- use and statements only. Each signs in with their own phone and one of the account's meters; the
-- one-time code goes to that user (their e-mail when they have one, else WhatsApp on their phone).
-- A removed user is kept (removed_at) so that sessions and audit still name who it was.
create table prepaid_portal_user (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organization(id) on delete cascade,
  account_id uuid not null references prepaid_account(id),
  name text not null check (length(name) between 1 and 200),
  phone text check (phone ~ '^\+[0-9]{8,15}$'),
  email text check (length(email) between 3 and 200 and email like '%_@_%'),
  role text not null check (role in ('owner', 'buyer', 'viewer')),
  -- where this user's one-time codes go
  channel text check (channel in ('email', 'whatsapp', 'telegram')),
  channel_to text check (length(channel_to) between 3 and 200),
  removed_at timestamptz,
  created_at timestamptz not null default now(),
  check (phone is not null or email is not null),
  check ((channel is null) = (channel_to is null))
);
-- one live user per phone on an account (the same person may be a user of several accounts)
create unique index prepaid_portal_user_phone_idx on prepaid_portal_user (org_id, account_id, phone)
  where removed_at is null and phone is not null;
create index prepaid_portal_user_sign_in_idx on prepaid_portal_user (org_id, phone) where removed_at is null;
create index prepaid_portal_user_account_idx on prepaid_portal_user (org_id, account_id, created_at);

-- The account's phone was its only sign-in: it becomes the account's first owner, reached where
-- the account's messages went.
insert into prepaid_portal_user (org_id, account_id, name, phone, role, channel, channel_to, created_at)
select org_id, id, name, phone, 'owner', channel, channel_to, created_at
from prepaid_account where phone is not null;

-- Codes, sessions and refresh tokens belong to a user from now on.
alter table prepaid_portal_code add column user_id uuid references prepaid_portal_user(id);
alter table prepaid_portal_session add column user_id uuid references prepaid_portal_user(id);
alter table prepaid_portal_refresh add column user_id uuid references prepaid_portal_user(id);
update prepaid_portal_session s set user_id = u.id
  from prepaid_portal_user u where u.account_id = s.account_id and u.role = 'owner';
update prepaid_portal_refresh r set user_id = u.id
  from prepaid_portal_user u where u.account_id = r.account_id and u.role = 'owner';
update prepaid_portal_code c set user_id = u.id
  from prepaid_portal_user u where u.account_id = c.account_id and u.role = 'owner';
create index prepaid_portal_session_user_idx on prepaid_portal_session (org_id, user_id);
